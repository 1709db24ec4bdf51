package org.alima.portal.api.packs;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The search data of an offline pack: each page's text stored once (for snippets) and an inverted index from every
 * term ({@link PackTerms}) to the pages that hold it. Postings are page ordinals, ascending and delta-coded, so a
 * term found on many neighbouring pages costs a few digits per page. Not thread-safe: one builder per pack.
 */
final class PackSearchIndex {

    /** One page of one document of the pack; {@code document} is the document's place in the pack, from 0. */
    record Page(int document, int number, String text) {}

    private final List<Page> pages = new ArrayList<>();
    private final Map<String, BitSet> postings = new TreeMap<>();

    /** Adds a page; pages are numbered in the order they are added. */
    void add(int document, int number, String text) {
        if (number < 1) {
            throw new IllegalArgumentException("page number must be 1 or more, was " + number);
        }
        int ordinal = pages.size();
        pages.add(new Page(document, number, text));
        for (String term : PackTerms.of(text)) {
            postings.computeIfAbsent(term, t -> new BitSet()).set(ordinal);
        }
    }

    int termCount() {
        return postings.size();
    }

    /**
     * The data as JSON: {@code {"pages":[[doc,page,"text"],...],"terms":{"term":[first,gap,gap...],...}}}, the
     * postings' ordinals given as the first one then gaps between neighbours.
     */
    String toJson() {
        StringBuilder json = new StringBuilder(pages.size() * 2048);
        json.append("{\"pages\":[");
        for (int i = 0; i < pages.size(); i++) {
            Page page = pages.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append('[')
                    .append(page.document())
                    .append(',')
                    .append(page.number())
                    .append(',');
            Json.string(json, page.text());
            json.append(']');
        }
        json.append("],\"terms\":{");
        boolean first = true;
        for (Map.Entry<String, BitSet> term : postings.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            Json.string(json, term.getKey());
            json.append(":[");
            int previous = 0;
            for (int ordinal = term.getValue().nextSetBit(0);
                    ordinal >= 0;
                    ordinal = term.getValue().nextSetBit(ordinal + 1)) {
                if (ordinal != term.getValue().nextSetBit(0)) {
                    json.append(',');
                }
                json.append(ordinal - previous);
                previous = ordinal;
            }
            json.append(']');
        }
        return json.append("}}").toString();
    }
}
