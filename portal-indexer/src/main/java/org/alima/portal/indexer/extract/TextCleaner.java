package org.alima.portal.indexer.extract;

import java.text.Normalizer;

/**
 * Turns raw extracted text into the text that is indexed; stateless and thread-safe. In one pass it:
 *
 * <ul>
 *   <li>joins a word hyphenated at a line end ({@code "treat-\nment"} becomes {@code "treatment"}) when the hyphen
 *       follows a letter and the next line starts with a lower-case letter; a hyphen inside a line ({@code
 *       "well-known"}) and one before an upper-case line start ({@code "Jean-\nPierre"}) are kept, since those are
 *       real hyphens far more often than breaks;
 *   <li>removes soft hyphens (U+00AD), joining the two lines when one ends a line;
 *   <li>expands the Latin ligatures U+FB00 to U+FB06 ({@code ﬁ} becomes {@code fi}): NFKC would do it too, but it also
 *       folds superscripts, fractions and full-width forms that carry meaning in medical text, so only ligatures are
 *       expanded;
 *   <li>turns CR and CRLF into LF, and drops the other control characters except LF and TAB (PDF encodings and old
 *       text files leave NUL, form feeds and C1 controls that would otherwise reach the index);
 *   <li>normalises to Unicode NFC, so that a precomposed {@code é} and {@code e + U+0301} index alike.
 * </ul>
 */
final class TextCleaner {

    private TextCleaner() {}

    static String clean(CharSequence raw) {
        int n = raw.length();
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '\n', '\t' -> out.append(c);
                case '\r' -> {
                    if (i + 1 >= n || raw.charAt(i + 1) != '\n') {
                        out.append('\n');
                    }
                }
                case '\u00AD' -> {
                    int next = nextLineStart(raw, i + 1);
                    if (next >= 0) {
                        i = next - 1;
                    }
                }
                case '-', '\u2010' -> {
                    int next = endsLineAfterLetter(out) ? nextLineStart(raw, i + 1) : -1;
                    if (next >= 0 && next < n && Character.isLowerCase(raw.charAt(next))) {
                        i = next - 1;
                    } else {
                        out.append(c);
                    }
                }
                case '\uFB00' -> out.append("ff");
                case '\uFB01' -> out.append("fi");
                case '\uFB02' -> out.append("fl");
                case '\uFB03' -> out.append("ffi");
                case '\uFB04' -> out.append("ffl");
                case '\uFB05', '\uFB06' -> out.append("st");
                case '\uFEFF' -> {
                    // a byte-order mark or zero-width no-break space: invisible, and it splits words in the index
                }
                default -> {
                    if (!isControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    private static boolean endsLineAfterLetter(StringBuilder out) {
        return !out.isEmpty() && Character.isLetter(out.charAt(out.length() - 1));
    }

    /**
     * If only blanks and one line break follow {@code from}, the index of the first non-blank character of the next
     * line (possibly {@code raw.length()}); otherwise -1.
     */
    private static int nextLineStart(CharSequence raw, int from) {
        int n = raw.length();
        int i = skipBlanks(raw, from);
        if (i < n && raw.charAt(i) == '\r') {
            i++;
        }
        if (i < n && raw.charAt(i) == '\n') {
            return skipBlanks(raw, i + 1);
        }
        return -1;
    }

    private static int skipBlanks(CharSequence raw, int from) {
        int i = from;
        while (i < raw.length() && (raw.charAt(i) == ' ' || raw.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c < 0xA0);
    }
}
