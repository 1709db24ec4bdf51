package org.alima.portal.api.landing;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The address of a licence, which JSON-LD's {@code license} and Signposting's {@code license} link want: the licence
 * itself when it is an address, else the Creative Commons deed that its SPDX-like name (CC-BY-4.0, CC BY-NC-SA 4.0,
 * CC0-1.0) names. Other names (an organisation's own terms) have no address.
 */
final class Licences {

    private static final Pattern CREATIVE_COMMONS =
            Pattern.compile("cc[- ]?(by(?:-(?:nc|nd|sa))*)[- ]?v?([1-4]\\.0)(?:[- ].*)?");
    private static final Pattern ZERO = Pattern.compile("cc[- ]?0(?:[- ]v?1\\.0)?");

    private Licences() {}

    static Optional<String> urlOf(@Nullable String licence) {
        if (licence == null) {
            return Optional.empty();
        }
        String text = licence.strip();
        if (text.startsWith("https://") || text.startsWith("http://")) {
            return Optional.of(text);
        }
        String name = text.toLowerCase(Locale.ROOT);
        Matcher cc = CREATIVE_COMMONS.matcher(name);
        if (cc.matches()) {
            return Optional.of("https://creativecommons.org/licenses/" + cc.group(1) + "/" + cc.group(2) + "/");
        }
        if (ZERO.matcher(name).matches()) {
            return Optional.of("https://creativecommons.org/publicdomain/zero/1.0/");
        }
        return Optional.empty();
    }
}
