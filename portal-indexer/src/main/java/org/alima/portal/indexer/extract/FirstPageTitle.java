package org.alima.portal.indexer.extract;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pdfbox.text.TextPosition;

/**
 * Guesses a PDF's title from its first page: the first run of text set in the largest type, when that type is clearly
 * larger than the page's body text. Not thread-safe; one per document.
 *
 * <p>The portal's own heuristic: most articles and procedures carry no title in their metadata but print one in large
 * type on page 1, and a result list of "(untitled)" hides exactly what a reader scans for.
 */
final class FirstPageTitle {

    /** Strings written on page 1 looked at; a title comes long before this. */
    private static final int MAX_RUNS = 400;

    /** How much larger than the median body size (points) the title's type must be. */
    private static final float STANDS_OUT_BY = 1.5f;

    private static final int MAX_TITLE_LENGTH = 300;

    private record Run(String text, float size) {}

    private final List<Run> runs = new ArrayList<>();

    void add(String text, List<TextPosition> positions) {
        if (runs.size() >= MAX_RUNS || positions.isEmpty() || text.isBlank()) {
            return;
        }
        float size = 0;
        for (TextPosition position : positions) {
            size = Math.max(size, position.getFontSizeInPt());
        }
        runs.add(new Run(text.strip(), size));
    }

    /** The title, or null when no text stands out by its size. */
    String title() {
        if (runs.size() < 2) {
            return null;
        }
        float[] sizes = new float[runs.size()];
        float largest = 0;
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = runs.get(i).size();
            if (hasLetters(runs.get(i).text())) {
                largest = Math.max(largest, sizes[i]);
            }
        }
        Arrays.sort(sizes);
        float median = sizes[sizes.length / 2];
        if (largest < median + STANDS_OUT_BY) {
            return null;
        }
        StringBuilder title = new StringBuilder();
        boolean started = false;
        for (Run run : runs) {
            boolean large = run.size() >= largest - 0.5f;
            if (large && (started || hasLetters(run.text()))) {
                started = true;
                if (!title.isEmpty()) {
                    title.append(' ');
                }
                title.append(run.text());
            } else if (started) {
                break;
            }
        }
        String text = title.toString().replaceAll("\\s+", " ").strip();
        return text.length() > MAX_TITLE_LENGTH ? null : text;
    }

    private static boolean hasLetters(String text) {
        return LanguageGuesser.countLetters(text, 4) >= 4;
    }
}
