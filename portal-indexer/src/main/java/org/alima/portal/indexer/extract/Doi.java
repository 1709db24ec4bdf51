package org.alima.portal.indexer.extract;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Digital Object Identifier such as {@code 10.1186/1752-2897-4-1}, found in text or metadata. Immutable.
 *
 * @param value the DOI without any {@code doi:} or resolver prefix, as written in the source
 */
record Doi(String value) {

    // Registrant codes have 4 to 9 digits; the suffix runs to the next blank. Trailing punctuation is trimmed below.
    private static final Pattern DOI = Pattern.compile("\\b10\\.\\d{4,9}/[^\\s\"<>]+");

    /**
     * Words that article headers print right after a DOI; text extraction sometimes loses the space between them
     * ({@code 10.1098/rsif.2012.0921Received}).
     */
    private static final Pattern GLUED_WORD = Pattern.compile(
            "(?<=\\d)(Received|Accepted|Published|Available|Copyright|Citation|Keywords|Abstract|Article)$");

    /** The first DOI in {@code text}, trimmed of the punctuation that usually ends the sentence around it. */
    static Optional<Doi> findIn(CharSequence text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = DOI.matcher(text);
        while (m.find()) {
            String trimmed = trimTrailingPunctuation(m.group());
            trimmed = trimTrailingPunctuation(GLUED_WORD.matcher(trimmed).replaceFirst(""));
            if (trimmed.indexOf('/') < trimmed.length() - 1) {
                return Optional.of(new Doi(trimmed));
            }
        }
        return Optional.empty();
    }

    /**
     * Drops trailing {@code . , ; : ' ! ?} and closing brackets that have no opening partner inside the DOI, since
     * DOIs such as {@code 10.1016/S0140-6736(20)30183-5} legitimately contain brackets.
     */
    private static String trimTrailingPunctuation(String candidate) {
        String s = candidate;
        while (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            boolean drop = switch (last) {
                case '.', ',', ';', ':', '\'', '!', '?', '’', '”' -> true;
                case ')' -> count(s, '(') < count(s, ')');
                case ']' -> count(s, '[') < count(s, ']');
                case '}' -> count(s, '{') < count(s, '}');
                default -> false;
            };
            if (!drop) {
                break;
            }
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
