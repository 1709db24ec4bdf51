package org.alima.portal.indexer.extract;

import java.time.Duration;

/**
 * Thrown inside an extraction when its {@link Deadline} has passed; {@link DocumentExtractor} turns it into a
 * {@link FailureKind#TIMEOUT} result, so it never reaches callers of the public API.
 */
final class ExtractionTimeoutException extends RuntimeException {

    private final String detail;

    ExtractionTimeoutException(String where, Duration limit) {
        super(
                "extraction exceeded its time limit; raise ExtractionLimits.timeout if such files are expected",
                null,
                false,
                false);
        this.detail = "stopped after " + limit.toMillis() + " ms" + (where == null ? "" : " at " + where);
    }

    /** One line for {@link ExtractionResult.Failed#detail()}: the limit and where the extraction stood. */
    String detail() {
        return detail;
    }
}
