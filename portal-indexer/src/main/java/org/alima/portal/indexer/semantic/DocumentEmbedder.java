package org.alima.portal.indexer.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.Passages;
import org.alima.portal.indexer.index.Vectoriser;

/**
 * Computes a document's dense vectors with a {@link SentenceEncoder}: one for {@link DocumentVectors#documentText}
 * and one per passage of {@link Passages#of}. Thread-safe, as the encoder is.
 */
public final class DocumentEmbedder implements Vectoriser {

    private final SentenceEncoder encoder;

    public DocumentEmbedder(SentenceEncoder encoder) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
    }

    /**
     * The document's vectors. A document whose only passage is wholly within the document's text (a record's title
     * and abstract) is encoded once: the passage's vector is the document's.
     */
    @Override
    public DocumentVectors vectorsOf(IndexableDocument document) {
        String documentText = DocumentVectors.documentText(document);
        List<Page> pages = document.pages();
        List<String> texts = new ArrayList<>();
        texts.add(documentText);
        List<Passages.Passage> passages = Passages.of(pages);
        for (Passages.Passage passage : passages) {
            texts.add(passage.text(pages.get(passage.page() - 1).text()));
        }
        boolean single = passages.size() == 1 && documentText.contains(texts.get(1));
        List<float[]> vectors = encoder.encodePassages(single ? texts.subList(0, 1) : texts);
        List<float[]> passageVectors = single ? List.of(vectors.get(0)) : vectors.subList(1, vectors.size());
        return new DocumentVectors(
                encoder.model().id(),
                DocumentVectors.fingerprint(document, encoder.model().id()),
                vectors.get(0),
                passageVectors);
    }
}
