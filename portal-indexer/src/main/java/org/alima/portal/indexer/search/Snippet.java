package org.alima.portal.indexer.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a page's text to a short HTML snippet around its best cluster of matches: HTML-escaped, whitespace collapsed,
 * matches in {@code <mark>}, an ellipsis where the text was cut. Stateless.
 */
final class Snippet {

    /** Longest snippet, in characters of page text. */
    static final int MAX_CHARS = 300;

    /** Context kept before the first match of the snippet. */
    private static final int CONTEXT_BEFORE = 80;

    /** How far a cut may move to fall between words. */
    private static final int WORD_SLACK = 20;

    private Snippet() {}

    /**
     * A match in the page text.
     *
     * @param part which part of the query matched (the same number for the same word, phrase or prefix)
     */
    record Match(int start, int end, int part) {}

    static String of(String text, List<Match> matches) {
        List<Match> sorted = sorted(matches);
        int start = 0;
        int end = text.length();
        if (end > MAX_CHARS) {
            start = bestWindowStart(text, sorted);
            end = Math.min(text.length(), start + MAX_CHARS);
            start = wordStart(text, start);
            end = wordEnd(text, end);
        }
        StringBuilder html = new StringBuilder(end - start + 64);
        if (start > 0) {
            html.append('…');
        }
        mark(text, sorted, start, end, false, html);
        if (end < text.length()) {
            html.append('…');
        }
        return html.toString().strip();
    }

    /**
     * The whole text as HTML, uncut, the matches in {@code <mark>}: a page shown on its own. Line breaks are kept (as
     * {@code \n}, for {@code white-space: pre-line}), other runs of whitespace collapsed to one space.
     */
    static String whole(String text, List<Match> matches) {
        StringBuilder html = new StringBuilder(text.length() + 64);
        mark(text, sorted(matches), 0, text.length(), true, html);
        return html.toString().strip();
    }

    private static List<Match> sorted(List<Match> matches) {
        List<Match> sorted = new ArrayList<>(matches);
        sorted.sort(Comparator.comparingInt(Match::start)
                .thenComparing(Comparator.comparingInt(Match::end).reversed()));
        return sorted;
    }

    private static void mark(String text, List<Match> sorted, int start, int end, boolean lines, StringBuilder html) {
        int at = start;
        for (Match match : sorted) {
            int from = Math.max(match.start(), at);
            int to = Math.min(match.end(), end);
            if (from >= to || from < start) {
                continue;
            }
            escape(text, at, from, lines, html);
            html.append("<mark>");
            escape(text, from, to, lines, html);
            html.append("</mark>");
            at = to;
        }
        escape(text, at, end, lines, html);
    }

    /** Start of the window of {@link #MAX_CHARS} that holds the most distinct query parts, then the most matches. */
    private static int bestWindowStart(String text, List<Match> matches) {
        int best = 0;
        int bestParts = -1;
        int bestCount = -1;
        for (Match anchor : matches) {
            int windowStart = Math.max(0, anchor.start() - CONTEXT_BEFORE);
            int windowEnd = windowStart + MAX_CHARS;
            Set<Integer> parts = new HashSet<>();
            int count = 0;
            for (Match match : matches) {
                if (match.start() >= windowStart && match.end() <= windowEnd) {
                    parts.add(match.part());
                    count++;
                }
            }
            if (parts.size() > bestParts || (parts.size() == bestParts && count > bestCount)) {
                best = windowStart;
                bestParts = parts.size();
                bestCount = count;
            }
        }
        return Math.min(best, Math.max(0, text.length() - MAX_CHARS));
    }

    private static int wordStart(String text, int offset) {
        int i = offset;
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && offset - i < WORD_SLACK) {
            i--;
        }
        return i;
    }

    private static int wordEnd(String text, int offset) {
        int i = offset;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && i - offset < WORD_SLACK) {
            i++;
        }
        return i;
    }

    private static void escape(String text, int from, int to, boolean lines, StringBuilder html) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> {
                    if (lines && c == '\n') {
                        int last = html.length() - 1;
                        if (last >= 0 && html.charAt(last) == ' ') {
                            html.setLength(last);
                        }
                        // A blank line separates paragraphs; more say nothing more.
                        if (html.length() < 2
                                || html.charAt(html.length() - 2) != '\n'
                                || html.charAt(html.length() - 1) != '\n') {
                            html.append('\n');
                        }
                    } else if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                        char previous = html.isEmpty() ? ' ' : html.charAt(html.length() - 1);
                        if (previous != ' ' && previous != '\n') {
                            html.append(' ');
                        }
                    } else {
                        html.append(c);
                    }
                }
            }
        }
    }
}
