package org.alima.portal.api.documents;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.alima.portal.api.files.DiskSpace;

/**
 * Refuses an upload with 507 before its body is received when the data directory's disk cannot hold it (see {@link
 * DiskSpace}), rather than filling the disk and failing half-way; stateless.
 */
@ServerFilter(
        value = {DocumentController.BASE, DocumentController.BASE + "/*/versions"},
        methods = HttpMethod.POST)
final class UploadRoom {

    private final DiskSpace disk;

    UploadRoom(DiskSpace disk) {
        this.disk = disk;
    }

    @RequestFilter
    void requireRoom(HttpRequest<?> request) {
        disk.requireRoomForUpload(request.getContentLength());
    }
}
