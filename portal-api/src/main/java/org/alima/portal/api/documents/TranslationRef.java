package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Another language version of the same work, as a document, its search hits and its page name it so that a reader can
 * switch. Immutable.
 *
 * @param id the version to open: the newest version of that work the viewer may see
 * @param language ISO 639-1
 */
@Serdeable
record TranslationRef(String id, String language, @Nullable String title) {}
