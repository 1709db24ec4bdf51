package org.alima.portal.api.imports;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The outcome of an import run, line by line, in the order of its lines. Immutable.
 *
 * @param total the lines planned
 * @param stopped whether the run stopped at its limit before the last line
 */
record ImportResult(UUID run, List<Line> lines, int total, boolean stopped) {

    /** @param earlier whether an earlier run of the same import decided it */
    record Line(ImportLine line, FileOutcome outcome, boolean earlier) {}

    long count(FileOutcome.Outcome outcome) {
        return lines.stream()
                .filter(line -> line.outcome().outcome() == outcome)
                .count();
    }

    long earlier() {
        return lines.stream().filter(Line::earlier).count();
    }

    Map<FileOutcome.Failure, Long> failures() {
        return lines.stream()
                .filter(line -> line.outcome().failure() != null)
                .collect(Collectors.groupingBy(
                        line -> line.outcome().failure(),
                        () -> new EnumMap<>(FileOutcome.Failure.class),
                        Collectors.counting()));
    }

    /** One line for people: "120 lines: 110 imported, 4 skipped as duplicates, 6 failed (3 bad metadata, …)". */
    String summary() {
        String failed = failures().entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey().label())
                .collect(Collectors.joining(", "));
        return String.format(
                Locale.ROOT,
                "%d lines: %d imported, %d skipped as duplicates, %d failed%s%s%s",
                total,
                count(FileOutcome.Outcome.IMPORTED),
                count(FileOutcome.Outcome.SKIPPED_DUPLICATE),
                count(FileOutcome.Outcome.FAILED),
                failed.isEmpty() ? "" : " (" + failed + ")",
                earlier() == 0 ? "" : "; " + earlier() + " of them done by an earlier run",
                stopped ? "; stopped at the limit after " + lines.size() + " lines, run it again to continue" : "");
    }
}
