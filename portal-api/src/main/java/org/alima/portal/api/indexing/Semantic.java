package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import org.alima.portal.indexer.semantic.SemanticModel;

/**
 * Whether the portal searches by meaning ({@code portal.semantic.enabled}, {@code PORTAL_SEMANTIC=on|off}), and its
 * dense model. Turned off, the model is never loaded, no vectors are computed, and search ranks by words as before;
 * turned on, the model is loaded at its first use (the first search that needs it, or the background vector pass),
 * once per process. Thread-safe.
 */
@Singleton
public final class Semantic {

    private final SemanticModel model;

    Semantic(@Value("${portal.semantic.enabled:on}") String enabled) {
        this.model = switch (enabled.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> SemanticModel.shared(SemanticModel.DEFAULT);
            case "off", "false", "no", "0" -> null;
            default ->
                throw new IllegalArgumentException(
                        "portal.semantic.enabled (PORTAL_SEMANTIC) is \"" + enabled + "\"; set it to on or off");
        };
    }

    /** The dense model, or empty when the semantic part is off. */
    public Optional<SemanticModel> model() {
        return Optional.ofNullable(model);
    }
}
