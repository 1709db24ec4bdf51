package org.alima.portal.indexer.search;

/** How a search ranks documents. */
public enum RankingMode {
    /** BM25 over the words (title, abstract, keywords, pages, authors). */
    LEXICAL,
    /** Nearest dense vectors of documents and passages only. */
    DENSE,
    /** Both lists fused ({@link Fusion}); falls back to {@link #LEXICAL} where no dense model is available. */
    HYBRID
}
