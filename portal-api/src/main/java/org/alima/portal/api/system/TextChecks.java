package org.alima.portal.api.system;

import java.util.Locale;

/** The checks behind {@link PlainText}, also applied to text that does not pass through bean validation. */
public final class TextChecks {

    private TextChecks() {}

    /**
     * Describes the first character that makes {@code text} unfit to store, or returns null when there is none.
     * The description names the position and says what to do, and quotes no part of the text.
     */
    public static String firstProblem(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return "contains a NUL character (U+0000) at position " + i + "; remove it";
            }
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return String.format(
                        Locale.ROOT, "contains the control character U+%04X at position %d; remove it", (int) c, i);
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate at position " + i + " (not valid Unicode); send valid UTF-8";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate at position " + i + " (not valid Unicode); send valid UTF-8";
            }
        }
        return null;
    }
}
