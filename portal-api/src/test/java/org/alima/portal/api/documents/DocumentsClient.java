package org.alima.portal.api.documents;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.multipart.MultipartBody;
import java.util.UUID;
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
}
