package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import org.alima.portal.indexer.extract.DocumentExtractor;

/** Makes the one {@link DocumentExtractor} of the process (it is thread-safe and meant to be shared). */
@Factory
final class ExtractorFactory {

    @Singleton
    DocumentExtractor documentExtractor(ExtractionSettings settings) {
        return new DocumentExtractor(settings.limits());
    }
}
