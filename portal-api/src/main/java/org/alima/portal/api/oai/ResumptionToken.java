package org.alima.portal.api.oai;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a list stopped, and the request it continues: the arguments of the first request, and the position (datestamp
 * to the microsecond, id) of the last record sent. A position rather than an offset, so that a token stays valid while
 * records are added, changed or deleted: the next page starts after that record whatever happened before it, and a
 * record changed during the harvest moves to the end of the list, where the harvest still finds it. Tokens hold no
 * state on the server and never expire. Immutable.
 */
record ResumptionToken(
        String metadataPrefix,
        @Nullable String set,
        @Nullable String from,
        @Nullable String until,
        Instant afterDatestamp,
        UUID afterId) {

    private static final String VERSION = "1";
    private static final String SEPARATOR = "|";

    /** The token as sent: URL-safe Base64, so that it needs no escaping in a URL or a form. */
    String encode() {
        String plain = String.join(
                SEPARATOR,
                VERSION,
                metadataPrefix,
                orEmpty(set),
                orEmpty(from),
                orEmpty(until),
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, afterDatestamp)),
                afterId.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a token this portal sent.
     *
     * @throws OaiException badResumptionToken when it is not one
     */
    static ResumptionToken decode(String token) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                    .split("\\" + SEPARATOR, -1);
            if (parts.length != 7 || !VERSION.equals(parts[0]) || parts[1].isEmpty()) {
                throw invalid(token);
            }
            return new ResumptionToken(
                    parts[1],
                    orNull(parts[2]),
                    orNull(parts[3]),
                    orNull(parts[4]),
                    Instant.EPOCH.plus(Long.parseLong(parts[5]), ChronoUnit.MICROS),
                    UUID.fromString(parts[6]));
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
    }

    private static OaiException invalid(String token) {
        return new OaiException(
                OaiError.BAD_RESUMPTION_TOKEN,
                "The resumption token " + token + " was not made by this repository, or was cut short; send the"
                        + " token of the previous answer as it was, or start the list again without one.");
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    @Nullable
    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
