package org.alima.portal.indexer.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.alima.portal.indexer.extract.Page;

/**
 * The dense vectors of one document, computed by a sentence-embedding model from its text: one for the document
 * (title, abstract, keywords, and the start of its text) and one per passage ({@link Passages}). Immutable.
 *
 * @param model the model's name; search compares only vectors of the model it encodes queries with
 * @param fingerprint {@link #fingerprint} of the text and model the vectors were computed from: while a document's
 *     text is unchanged, a new write of it (a metadata edit, a publication) keeps its vectors
 * @param document unit vector of {@link #documentText}
 * @param passages one unit vector per passage of {@link Passages#of}, in the same order
 */
// Arrays as components: the vectors go to Lucene as they are, and a DocumentVectors is never compared or hashed.
@SuppressWarnings("ArrayRecordComponent")
public record DocumentVectors(String model, String fingerprint, float[] document, List<float[]> passages) {

    /** Characters of the text read for the document's vector; the model reads at most 512 word pieces anyway. */
    static final int DOCUMENT_TEXT_CHARS = 3_000;

    public DocumentVectors {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(document, "document");
        passages = List.copyOf(passages);
    }

    /**
     * The text that the document's vector represents: its title, abstract and keywords, then its pages' text, up to
     * {@value #DOCUMENT_TEXT_CHARS} characters (a scientific record's title and abstract; a report's title and first
     * page). Measured on SciFact: title and abstract together rank better than the abstract alone.
     */
    public static String documentText(IndexableDocument document) {
        StringBuilder text = new StringBuilder();
        append(text, document.title());
        append(text, document.abstractText());
        if (!document.keywords().isEmpty()) {
            append(text, String.join(", ", document.keywords()));
        }
        for (Page page : document.pages()) {
            if (text.length() >= DOCUMENT_TEXT_CHARS) {
                break;
            }
            append(text, page.text());
        }
        return text.length() > DOCUMENT_TEXT_CHARS ? text.substring(0, DOCUMENT_TEXT_CHARS) : text.toString();
    }

    /** A digest of everything the vectors depend on: the model, the passage rule and the text. */
    public static String fingerprint(IndexableDocument document, String model) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((model + "\u0000" + Passages.VERSION + "\u0000").getBytes(StandardCharsets.UTF_8));
            digest.update(documentText(document).getBytes(StandardCharsets.UTF_8));
            for (Page page : document.pages()) {
                digest.update((byte) 0);
                digest.update(page.text().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void append(StringBuilder text, String part) {
        if (part != null && !part.isBlank()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.strip());
        }
    }
}
