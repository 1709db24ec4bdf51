package org.alima.portal.api.documents;

import io.micronaut.http.HttpRequest;
import java.util.UUID;

/**
 * The absolute address of a document's permanent public page, as citations carry it. The public pages own that
 * address (their package implements this), and the documents package may not depend on them.
 */
public interface PermanentAddress {

    /** The address of document {@code id}'s public page, as seen by the client of {@code request}. */
    String of(HttpRequest<?> request, UUID id);
}
