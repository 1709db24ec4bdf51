package org.alima.portal.api.documents;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.alima.portal.api.files.DiskSpace;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.PortalException;

/**
 * Answers a multipart body the server could not take in: 507 when the disk filled while its parts were written to
 * {@code files/.incoming} (Netty deletes what it had written), 400 when the body is not well-formed multipart. Either
 * is the client's answer, never a 500. Stateless.
 */
@Singleton
final class MultipartFailures
        implements ExceptionHandler<HttpPostRequestDecoder.ErrorDataDecoderException, HttpResponse<?>> {

    private final DiskSpace disk;
    private final ErrorResponseProcessor<?> problems;

    MultipartFailures(DiskSpace disk, ErrorResponseProcessor<?> problems) {
        this.disk = disk;
        this.problems = problems;
    }

    @Override
    public HttpResponse<?> handle(HttpRequest request, HttpPostRequestDecoder.ErrorDataDecoderException exception) {
        PortalException answer = exception.getCause() instanceof IOException io && disk.isFull(io)
                ? disk.full(exception)
                : InvalidInputException.of(
                        "file", "the multipart body could not be read; send it again as multipart/form-data");
        return problems.processResponse(
                ErrorContext.builder(request).cause(answer).build(),
                HttpResponse.status(HttpStatus.valueOf(answer.problem().status())));
    }
}
