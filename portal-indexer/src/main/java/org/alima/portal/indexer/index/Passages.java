package org.alima.portal.indexer.index;

import java.util.ArrayList;
import java.util.List;
import org.alima.portal.indexer.extract.Page;

/**
 * Cuts a document's pages into the passages that get a dense vector each: a passage never spans two pages (so a hit
 * found by meaning names its page), holds about {@value #TARGET_CHARS} characters (some 400 word pieces of English,
 * within the 512 a small sentence-embedding model reads), and ends at a sentence or at least a word. Stateless.
 *
 * <p>Why that length: embedding is the whole cost of semantic indexing (some 80 CPU-ms per 300 word pieces on this
 * project's machine), and fewer, longer passages cost less per word than many short ones, while a page (about 3,000
 * characters) still gets one or two passages, so a hit found by meaning still points at the right page. A record of
 * one short page (a title and an abstract) is a single passage, whose vector is the document's own (no second
 * encoding).
 */
public final class Passages {

    /**
     * Version of the cutting rule, part of each document's vector fingerprint: changing the rule makes existing
     * vectors stale, and they are computed again.
     */
    static final int VERSION = 1;

    /** Aimed length of a passage, in characters. */
    static final int TARGET_CHARS = 1_800;

    /** A page's last passage shorter than this is joined to the one before, so that no passage is a scrap. */
    static final int MIN_CHARS = 300;

    /** Passages of one document at most: 2,000 of them are some 1,000 pages; the rest is found by words only. */
    public static final int MAX_PASSAGES = 2_000;

    /**
     * A passage of a page.
     *
     * @param page 1-based page number
     * @param start first character of the passage in the page's text
     * @param end one past its last character
     */
    public record Passage(int page, int start, int end) {
        public String text(String pageText) {
            return pageText.substring(start, end);
        }
    }

    private Passages() {}

    /** The passages of the pages, in page order; blank pages have none. */
    public static List<Passage> of(List<Page> pages) {
        List<Passage> passages = new ArrayList<>();
        for (Page page : pages) {
            if (passages.size() >= MAX_PASSAGES) {
                break;
            }
            cut(page.number(), page.text(), passages);
        }
        return passages.size() > MAX_PASSAGES ? passages.subList(0, MAX_PASSAGES) : passages;
    }

    private static void cut(int number, String text, List<Passage> into) {
        int length = text.length();
        int start = skipSpace(text, 0);
        List<Passage> page = new ArrayList<>();
        while (start < length) {
            int end = length - start <= TARGET_CHARS + MIN_CHARS ? length : boundary(text, start + TARGET_CHARS);
            page.add(new Passage(number, start, trimEnd(text, start, end)));
            start = skipSpace(text, end);
        }
        int last = page.size() - 1;
        if (last > 0 && page.get(last).end() - page.get(last).start() < MIN_CHARS) {
            Passage previous = page.get(last - 1);
            page.set(
                    last - 1,
                    new Passage(number, previous.start(), page.get(last).end()));
            page.remove(last);
        }
        page.removeIf(passage -> passage.end() <= passage.start());
        into.addAll(page);
    }

    /** A cut near {@code around}: after the last sentence end within 300 characters before it, else at a space. */
    private static int boundary(String text, int around) {
        int floor = Math.max(0, around - 300);
        for (int i = around; i > floor; i--) {
            char c = text.charAt(i - 1);
            if ((c == '.' || c == '?' || c == '!' || c == ';' || c == '\n') && Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        for (int i = around; i > floor; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return around;
    }

    private static int skipSpace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String text, int start, int end) {
        int i = end;
        while (i > start && Character.isWhitespace(text.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
