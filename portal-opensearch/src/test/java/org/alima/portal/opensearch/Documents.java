package org.alima.portal.opensearch;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.DocumentVectors;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.Passages;

/** Small documents for the engine's tests. */
final class Documents {

    private Documents() {}

    /** A published two-page French report. */
    static IndexableDocument published(String id, String title, String... pages) {
        return document(id, title, Set.of(IndexableDocument.PUBLIC), pages);
    }

    /** A document only the given audiences (none: curators only) may find. */
    static IndexableDocument document(String id, String title, Set<String> audiences, String... pages) {
        List<Page> numbered = new java.util.ArrayList<>();
        for (int i = 0; i < pages.length; i++) {
            numbered.add(new Page(i + 1, pages[i], "fr"));
        }
        return new IndexableDocument(
                id,
                "/files/" + id + ".pdf",
                title,
                "Résumé de " + title,
                List.of("Aïcha N'Diaye"),
                List.of("paludisme", "Réanimation"),
                "https://doi.org/10.1000/ABC." + id,
                "Report",
                "fr",
                LocalDate.of(2021, 3, 14),
                List.of("ml", "bf"),
                List.of("Santé maternelle"),
                List.of("Études"),
                numbered,
                audiences,
                false);
    }

    /** Vectors of the document's passages, of {@code model}: made-up unit values of the right count. */
    static DocumentVectors vectors(IndexableDocument document, String model) {
        int passages = Passages.of(document.pages()).size();
        List<float[]> passageVectors = new java.util.ArrayList<>();
        for (int i = 0; i < passages; i++) {
            passageVectors.add(new float[] {0.6f, 0.8f, i});
        }
        return new DocumentVectors(
                model, DocumentVectors.fingerprint(document, model), new float[] {1f, 0f, 0.25f}, passageVectors);
    }
}
