package org.alima.portal.indexer.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the pages of one document from the raw text of each page, whatever the format: cleans the text ({@link
 * TextCleaner}), enforces the character cap, tells each page's language, counts image-only pages, and finally decides
 * between a result with text and a {@link FailureKind#NEEDS_OCR} or {@link FailureKind#EMPTY} failure. Not thread-safe:
 * one instance per extraction.
 */
final class PageAssembler {

    /** A page that draws an image and has fewer non-blank characters than this is an image-only page. */
    static final int IMAGE_ONLY_MAX_CHARS = 10;

    private final long maxCharacters;
    private final LanguageGuesser languages;
    private final List<Page> pages = new ArrayList<>();
    private final Map<String, Long> lettersByLanguage = new HashMap<>();
    private long characters;
    private final List<Integer> imageOnlyPages = new ArrayList<>();
    private boolean truncated;
    private int textPages;

    PageAssembler(long maxCharacters, LanguageGuesser languages) {
        this.maxCharacters = maxCharacters;
        this.languages = languages;
    }

    /**
     * Adds the next page.
     *
     * @param raw the page's text as the format gave it
     * @param drawsImage whether the page shows at least one image (only PDF and DOCX tell)
     * @return false once the character cap is reached: the caller should stop reading pages
     */
    boolean add(CharSequence raw, boolean drawsImage) {
        if (isFull()) {
            truncated = true;
            return false;
        }
        String text = TextCleaner.clean(raw);
        if (characters + text.length() > maxCharacters) {
            text = cut(text, (int) (maxCharacters - characters));
            truncated = true;
        }
        characters += text.length();
        int visible = countNonBlank(text, IMAGE_ONLY_MAX_CHARS);
        if (drawsImage && visible < IMAGE_ONLY_MAX_CHARS) {
            imageOnlyPages.add(pages.size() + 1);
        } else if (visible > 0) {
            textPages++;
        }
        String language = languages.guess(text);
        if (language != null) {
            lettersByLanguage.merge(language, (long) LanguageGuesser.countLetters(text, Integer.MAX_VALUE), Long::sum);
        }
        pages.add(new Page(pages.size() + 1, text, language));
        return !isFull();
    }

    /** Records that the source stopped before its end because the character cap was reached. */
    void markTruncated() {
        truncated = true;
    }

    /** True once the character cap is reached or a page had to be cut to fit it. */
    boolean isFull() {
        return truncated || characters >= maxCharacters;
    }

    long maxCharacters() {
        return maxCharacters;
    }

    int pageCount() {
        return pages.size();
    }

    /** Whether some page other than an image-only one has text. */
    boolean hasText() {
        return textPages > 0;
    }

    /**
     * The outcome: text when a page that is not image-only has some, else {@link FailureKind#NEEDS_OCR} when pages are
     * images, else {@link FailureKind#EMPTY}. The metadata gets the document's language (the language of most letters) and, when it has
     * no DOI yet, the first DOI on the first two pages.
     */
    ExtractionResult result(String mediaType, MetadataBuilder metadata) {
        if (textPages == 0) {
            // the scanned pages' text layer, if any, is a page number or a stamp: nothing worth indexing
            if (!imageOnlyPages.isEmpty()) {
                return new ExtractionResult.Failed(
                        mediaType,
                        FailureKind.NEEDS_OCR,
                        pages.size(),
                        imageOnlyPages,
                        imageOnlyPages.size() + " of " + pages.size() + " pages are images without text");
            }
            return new ExtractionResult.Failed(
                    mediaType,
                    FailureKind.EMPTY,
                    pages.size(),
                    List.of(),
                    "no text on any of " + pages.size() + " pages");
        }
        metadata.language(documentLanguage());
        for (int i = 0; i < Math.min(2, pages.size()); i++) {
            metadata.doi(pages.get(i).text());
        }
        return new ExtractionResult.Extracted(mediaType, metadata.build(), pages, imageOnlyPages, truncated);
    }

    /**
     * The language with the most letters over the pages that have one; when no page has enough text for a guess
     * (slides, forms), a guess over the start of the whole text.
     */
    private String documentLanguage() {
        if (!lettersByLanguage.isEmpty()) {
            return lettersByLanguage.entrySet().stream()
                    .max(Map.Entry.comparingByValue())
                    .orElseThrow()
                    .getKey();
        }
        StringBuilder all = new StringBuilder();
        for (Page page : pages) {
            if (all.length() > 10_000) {
                break;
            }
            all.append(page.text()).append('\n');
        }
        return languages.guess(all);
    }

    /** Cuts {@code text} to at most {@code max} characters, at a word boundary when one is near. */
    private static String cut(String text, int max) {
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int space = end;
        while (space > 0 && space > end - 100 && !Character.isWhitespace(text.charAt(space - 1))) {
            space--;
        }
        if (space > 0 && space > end - 100) {
            end = space;
        }
        return text.substring(0, end);
    }

    private static int countNonBlank(String text, int enough) {
        int n = 0;
        for (int i = 0; i < text.length() && n < enough; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }
}
