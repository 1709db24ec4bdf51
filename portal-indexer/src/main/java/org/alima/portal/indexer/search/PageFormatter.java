package org.alima.portal.indexer.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;

/**
 * Turns the highlighter's best passages of one document into at most N pages, best first: one passage per page,
 * HTML-escaped, with matches in {@code <mark>} and long passages cut around their first match. Stateless; thread-safe.
 */
final class PageFormatter extends PassageFormatter {

    /** Snippets longer than this many characters are cut around their first match. */
    static final int MAX_SNIPPET_CHARS = 300;

    private static final int CONTEXT_BEFORE_MATCH = 80;

    private final int pages;
    private final char separator;

    /** @param separator the character the highlighter put between page values */
    PageFormatter(int pages, char separator) {
        this.pages = pages;
        this.separator = separator;
    }

    /** Returns a {@code List<PageHit>}; passages arrive best first. */
    @Override
    public Object format(Passage[] passages, String content) {
        List<PageHit> hits = new ArrayList<>();
        if (passages == null || passages.length == 0) {
            return hits;
        }
        int[] pageStarts = pageStarts(content);
        boolean[] taken = new boolean[pageStarts.length + 2]; // indexed by 1-based page number
        for (Passage passage : passages) {
            if (hits.size() == pages) {
                break;
            }
            if (passage.getNumMatches() == 0) {
                continue;
            }
            int page = pageOf(pageStarts, passage.getMatchStarts()[0]);
            if (taken[page]) {
                continue;
            }
            taken[page] = true;
            hits.add(new PageHit(page, snippet(passage, content, pageStarts, page)));
        }
        return hits;
    }

    /** Offsets at which pages 2, 3, … start (just after each separator). */
    private int[] pageStarts(String content) {
        int[] starts = new int[16];
        int count = 0;
        for (int i = content.indexOf(separator); i >= 0; i = content.indexOf(separator, i + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        return Arrays.copyOf(starts, count);
    }

    private static int pageOf(int[] pageStarts, int offset) {
        int found = Arrays.binarySearch(pageStarts, offset);
        return 1 + (found >= 0 ? found + 1 : -found - 1);
    }

    private String snippet(Passage passage, String content, int[] pageStarts, int page) {
        int pageStart = page == 1 ? 0 : pageStarts[page - 2];
        int pageEnd = page - 1 < pageStarts.length ? pageStarts[page - 1] - 1 : content.length();
        int start = Math.max(passage.getStartOffset(), pageStart);
        int end = Math.min(passage.getEndOffset(), pageEnd);
        int[][] matches = mergedMatches(passage, start, end);
        boolean cutStart = false;
        boolean cutEnd = false;
        if (end - start > MAX_SNIPPET_CHARS) {
            int first = matches.length > 0 ? matches[0][0] : start;
            int windowStart = Math.max(start, first - CONTEXT_BEFORE_MATCH);
            windowStart = wordStart(content, windowStart, start);
            cutStart = windowStart > start;
            int windowEnd = Math.min(end, windowStart + MAX_SNIPPET_CHARS);
            windowEnd = wordEnd(content, windowEnd, end);
            cutEnd = windowEnd < end;
            start = windowStart;
            end = windowEnd;
        }
        StringBuilder html = new StringBuilder(end - start + 32);
        if (cutStart) {
            html.append('…');
        }
        int at = start;
        for (int[] match : matches) {
            int matchStart = Math.max(match[0], start);
            int matchEnd = Math.min(match[1], end);
            if (matchStart >= matchEnd) {
                continue;
            }
            escape(content, at, matchStart, html);
            html.append("<mark>");
            escape(content, matchStart, matchEnd, html);
            html.append("</mark>");
            at = matchEnd;
        }
        escape(content, at, end, html);
        if (cutEnd) {
            html.append('…');
        }
        return html.toString().strip();
    }

    /** Match offsets within [start, end), sorted, overlapping ones (stacked stems) merged. */
    private static int[][] mergedMatches(Passage passage, int start, int end) {
        int n = passage.getNumMatches();
        int[][] matches = new int[n][];
        for (int i = 0; i < n; i++) {
            matches[i] = new int[] {passage.getMatchStarts()[i], passage.getMatchEnds()[i]};
        }
        Arrays.sort(matches, (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(b[1], a[1]));
        List<int[]> merged = new ArrayList<>();
        for (int[] match : matches) {
            if (match[1] <= start || match[0] >= end) {
                continue;
            }
            int[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && match[0] <= last[1]) {
                last[1] = Math.max(last[1], match[1]);
            } else {
                merged.add(match.clone());
            }
        }
        return merged.toArray(new int[0][]);
    }

    private static int wordStart(String content, int offset, int floor) {
        int i = offset;
        while (i > floor && !Character.isWhitespace(content.charAt(i - 1)) && offset - i < 20) {
            i--;
        }
        return i;
    }

    private static int wordEnd(String content, int offset, int ceiling) {
        int i = offset;
        while (i < ceiling && !Character.isWhitespace(content.charAt(i)) && i - offset < 20) {
            i++;
        }
        return i;
    }

    private void escape(String content, int from, int to, StringBuilder html) {
        for (int i = from; i < to; i++) {
            char c = content.charAt(i);
            switch (c) {
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '&' -> html.append("&amp;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                case '\n', '\r', '\t' -> html.append(' ');
                default -> {
                    if (c != separator) {
                        html.append(c);
                    }
                }
            }
        }
    }
}
