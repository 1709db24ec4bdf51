package org.alima.portal.indexer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.IndexableDocument;
import org.alima.portal.indexer.index.PortalIndex;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * Indexing throughput of {@link PortalIndex} against bare IndexWriter loops over the same documents, single-threaded
 * (the portal's writer is fed by one thread in the CLI and the API). Not thread-safe.
 *
 * <p>Two baselines: Lucene's StandardAnalyzer on one body field (the cheapest useful index), and the portal's own
 * analyzer on title and body fields (the same text analysis without the portal's schema, facets and type-ahead), so
 * that the ratio separates the cost of features from the cost of the wrapper.
 */
final class IndexingBench {

    private final List<IndexableDocument> documents;

    IndexingBench(List<IndexableDocument> documents) {
        this.documents = List.copyOf(documents);
    }

    Measurement portal(Path directory) {
        double cpuBefore = CpuClock.processSeconds();
        long started = System.nanoTime();
        try (PortalIndex index = PortalIndex.open(directory)) {
            for (IndexableDocument document : documents) {
                index.upsert(document);
            }
            index.commit();
        }
        return measurement("portal index", started, cpuBefore);
    }

    Measurement bareStandard(Path directory) throws IOException {
        return bare("bare IndexWriter, StandardAnalyzer", directory, new StandardAnalyzer());
    }

    Measurement barePortalAnalysis(Path directory) throws IOException {
        return bare("bare IndexWriter, portal analyzer", directory, IndexSchema.analyzer());
    }

    private Measurement bare(String name, Path directory, Analyzer analyzer) throws IOException {
        double cpuBefore = CpuClock.processSeconds();
        long started = System.nanoTime();
        try (Directory dir = FSDirectory.open(directory);
                IndexWriter writer = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (IndexableDocument document : documents) {
                Document doc = new Document();
                doc.add(new StringField(IndexSchema.ID, document.id(), Field.Store.YES));
                if (document.title() != null) {
                    doc.add(new TextField(IndexSchema.TITLE, document.title(), Field.Store.YES));
                }
                for (Page page : document.pages()) {
                    doc.add(new TextField(IndexSchema.BODY, page.text(), Field.Store.YES));
                }
                writer.addDocument(doc);
            }
            writer.commit();
        }
        return measurement(name, started, cpuBefore);
    }

    private Measurement measurement(String name, long started, double cpuBefore) {
        return new Measurement(
                name, 1, documents.size(), (System.nanoTime() - started) / 1e9, CpuClock.processSeconds() - cpuBefore);
    }
}
