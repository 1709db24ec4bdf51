package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.alima.portal.api.access.Viewer;

/**
 * The documents contract as tests call it, with typed answers. The uploads, declared on the controller with the parts
 * a server receives, are declared here with the multipart body a client sends.
 */
@Client(DocumentController.BASE)
interface DocumentsClient extends DocumentsApi {

    @Post(produces = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<DocumentController.UploadAccepted> upload(@Body MultipartBody body, Viewer viewer);

    @Post(value = "/{id}/versions", produces = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<DocumentController.UploadAccepted> newVersion(
            @PathVariable UUID id, @Body MultipartBody body, Viewer viewer);

    /** The multipart body of an upload: the {@code metadata} part first when there is one, then the file. */
    static MultipartBody file(String fileName, byte[] content, @Nullable String metadata) {
        MultipartBody.Builder body = MultipartBody.builder();
        if (metadata != null) {
            body.addPart("metadata", metadata);
        }
        return body.addPart("file", fileName, MediaType.APPLICATION_OCTET_STREAM_TYPE, content)
                .build();
    }

    /**
     * Polls the document's processing status every 100 ms, as {@code viewer}, until {@code done} holds, and returns
     * it.
     */
    default ProcessingStatus awaitStatus(UUID id, Viewer viewer, Duration timeout, Predicate<ProcessingStatus> done) {
        AtomicReference<ProcessingStatus> reached = new AtomicReference<>();
        await("document " + id + " reaching the expected status")
                .atMost(timeout)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    ProcessingStatus status = status(id, viewer);
                    assertThat(done.test(status)).as("status %s", status).isTrue();
                    reached.set(status);
                });
        return reached.get();
    }
}
