package org.alima.portal.api.landing;

import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.alima.portal.api.documents.PermanentAddress;

/** A document's public page, {@code /documents/{id}}, on the portal's own address. Thread-safe. */
@Singleton
final class DocumentPageAddress implements PermanentAddress {

    private final SiteAddress site;

    DocumentPageAddress(SiteAddress site) {
        this.site = site;
    }

    @Override
    public String of(HttpRequest<?> request, UUID id) {
        return site.of(request, DocumentHead.landingPath(id));
    }
}
