package org.alima.portal.api.imports;

import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * What became of one line of an import.
 *
 * @param failure for a failed line, its kind ({@link Failure}); null otherwise
 * @param reason why it failed, or which document already held its bytes
 * @param documentId the document created, or the one that already held the same bytes when visible
 */
public record FileOutcome(
        Outcome outcome,
        @Nullable Failure failure,
        @Nullable String reason,
        @Nullable UUID documentId) {

    /** The three outcomes of a line, as the report and the database write them. */
    public enum Outcome {
        IMPORTED("imported"),
        SKIPPED_DUPLICATE("skipped-duplicate"),
        FAILED("failed");

        private final String value;

        Outcome(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }

        static Outcome of(String value) {
            for (Outcome outcome : values()) {
                if (outcome.value.equals(value)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("no outcome " + value);
        }
    }

    /** Why a line failed, by kind, for the summary; the reason says the rest. */
    public enum Failure {
        /** A metadata value the portal refuses (an unknown type, a date that is no date…). */
        BAD_METADATA("bad metadata"),
        /** A metadata row names a file that is not in the folder. */
        FILE_MISSING("file missing"),
        /** A file the portal does not accept (empty, too large, of no supported format). */
        FILE_REFUSED("file refused"),
        /** The workflow refused the status asked for (metadata incomplete for publishing…). */
        STATUS_REFUSED("status refused"),
        /** Anything else: the disk, the database. */
        OTHER("other");

        private final String label;

        Failure(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static FileOutcome imported(UUID id) {
        return new FileOutcome(Outcome.IMPORTED, null, null, id);
    }

    public static FileOutcome duplicate(@Nullable UUID existing, String reason) {
        return new FileOutcome(Outcome.SKIPPED_DUPLICATE, null, reason, existing);
    }

    public static FileOutcome failed(Failure failure, String reason) {
        return new FileOutcome(Outcome.FAILED, failure, reason, null);
    }
}
