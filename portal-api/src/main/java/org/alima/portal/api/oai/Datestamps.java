package org.alima.portal.api.oai;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * OAI-PMH datestamps (section 3.3): UTC, at the granularity of seconds ({@code YYYY-MM-DDThh:mm:ssZ}), and days
 * ({@code YYYY-MM-DD}) accepted in {@code from} and {@code until} as every repository must.
 */
final class Datestamps {

    static final String GRANULARITY = "YYYY-MM-DDThh:mm:ssZ";

    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern SECOND = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT);

    private Datestamps() {}

    /** The datestamp shown for {@code instant}: its second, truncated. */
    static String format(Instant instant) {
        return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC));
    }

    /** A bound given in {@code from} or {@code until}. */
    record Bound(Instant start, boolean day) {

        /** The first instant after the bound, for {@code until}, which includes its whole second or day. */
        Instant end() {
            return day ? start.plus(1, ChronoUnit.DAYS) : start.plusSeconds(1);
        }
    }

    /**
     * Reads the argument {@code name}.
     *
     * @throws OaiException badArgument, naming the argument and both forms it may take
     */
    static Bound parse(String name, String value) {
        try {
            if (DAY.matcher(value).matches()) {
                return new Bound(LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC), true);
            }
            if (SECOND.matcher(value).matches()) {
                return new Bound(
                        LocalDateTime.parse(value.substring(0, value.length() - 1))
                                .toInstant(ZoneOffset.UTC),
                        false);
            }
        } catch (DateTimeParseException e) {
            // falls through to the message below: the digits do not make a real date or time
        }
        throw new OaiException(
                OaiError.BAD_ARGUMENT,
                "The argument " + name + " (" + value
                        + ") must be a UTC date, YYYY-MM-DD, or a UTC time to the second, YYYY-MM-DDThh:mm:ssZ.");
    }
}
