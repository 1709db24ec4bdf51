package org.alima.portal.indexer.extract;

/** Turns an exception into the one-line detail of a failed result: its type and first message line, no stack trace. */
final class FailureDetail {

    private static final int MAX_LENGTH = 200;

    private FailureDetail() {}

    static String of(Throwable failure) {
        String message = failure.getMessage();
        String line = message == null || message.isBlank()
                ? ""
                : message.strip().lines().findFirst().orElse("");
        String detail = failure.getClass().getSimpleName() + (line.isEmpty() ? "" : ": " + line);
        return detail.length() <= MAX_LENGTH ? detail : detail.substring(0, MAX_LENGTH - 1) + "…";
    }
}
