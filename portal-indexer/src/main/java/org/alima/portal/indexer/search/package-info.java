/**
 * Searching the portal index: {@link org.alima.portal.indexer.search.PortalSearch} is the one entry point (thread-safe)
 * and returns documents, each with its best-matching pages and a highlighted snippet per page.
 *
 * <p>Design choices, and what they were measured against:
 *
 * <ul>
 *   <li><b>Ranking.</b> BM25 per field; each query word is a disjunction-max over title, abstract, keywords, body and
 *       authors with a 0.3 tie-breaker; field weights, tie-breaker, minimum-should-match, k1 and b are {@link
 *       org.alima.portal.indexer.search.SearchSettings}. On the 809 SciFact training claims (nDCG@10): equal weights
 *       0.683, title ×2 / abstract ×1.5 0.611, title ×0.5 0.686; tie-breaker 0 0.673, 0.5 0.677; BM25 k1 0.9 b 0.4
 *       0.680. MED (30 queries): 0.664.
 *   <li><b>Default operator.</b> Up to three words without OR: all required (a practitioner's "cholera vaccine
 *       Niger" means all three, and a typo then yields no hits, which triggers did-you-mean). Longer text (claims,
 *       questions): any word, ranked by BM25; requiring a fraction of the words gave no gain on SciFact (0.2: equal)
 *       and lost recall on MED, so the default fraction is 0.
 *   <li><b>Query language.</b> Lucene's classic syntax behind a linear pre-scan that bounds length, nesting, words,
 *       wildcards and fuzzy terms, and escapes regular expressions, boosts and "?" so that they are plain text. Text
 *       that does not parse is searched as plain words. Every refusal is a {@link
 *       org.alima.portal.indexer.search.QuerySyntaxException} with its position.
 *   <li><b>Pages.</b> Where the query matched is read from the body's postings (offsets, one value per page),
 *       mapped to pages by the stored page lengths; the best pages match the most distinct parts of the query, then
 *       have the most matches; only their text is read, from small per-page stored documents indexed right after
 *       their document. Lucene's unified highlighter was tried first: it must load a hit's whole stored body, which
 *       cost 45–65 ms for ten 300-page hits (and ~10× that at 100 hits); this costs 2.5–3 ms, and on SciFact the
 *       three pages of ten hits add under 1 ms.
 *   <li><b>Facets.</b> Sorted-set doc values, counted in the same search as the hits; filtered dimensions are counted
 *       drill-sideways with one extra counting pass each, because Lucene's single-pass DrillSideways scorer cannot
 *       run under a search time limit.
 *   <li><b>Cursors.</b> Every sort ends with the document id (a sorted doc value), so a search-after cursor names
 *       one position exactly and survives merges.
 *   <li><b>Suggestions.</b> Did-you-mean reads the index's own unstemmed, accented words (DirectSpellChecker);
 *       type-ahead queries 2–20 character prefixes indexed with each title and keyword, so it is as fresh as the
 *       index and forgets deleted documents at once (an AnalyzingInfixSuggester would need rebuilding and cannot
 *       delete); related documents use MoreLikeThis over the first 20,000 characters of the body.
 * <li><b>Visibility.</b> Each document's audiences and superseded mark are keywords on it, never on its pages (so a
 *       page can never pass the filter). Every query that finds, counts or proposes something is wrapped in clauses
 *       that do not score ({@link org.alima.portal.indexer.search.Access}: a filter on the caller's audiences; a
 *       must-not on the superseded mark), so hits keep their scores and order, while totals, facet counts (drill-
 *       sideways passes included), type-ahead and related documents see only what the caller may. Did-you-mean counts
 *       the typed word and each candidate among the visible documents only. A filter rather than a per-audience
 *       index: one index, any combination of audiences. BM25's statistics (document frequencies, average lengths) stay
 *       those of the whole index: per-caller statistics would make scores differ between callers and cost a count per
 *       query term. On the 809 SciFact claims, ids, scores (to the last bit), totals and did-you-mean are identical
 *       before the change, with everything visible, and through a reader's filter (nDCG@10 0.690 each).
 *   <li><b>Search by meaning (hybrid).</b> Plain-word queries ({@link
 *       org.alima.portal.indexer.search.QueryText#isPlainWords}) are also encoded by the dense model and matched
 *       against the vectors of documents and of their passages ({@link
 *       org.alima.portal.indexer.search.DenseRetrieval}: two k-nearest-neighbour searches in Lucene's HNSW graphs,
 *       filtered inside the walk by the caller's visibility and the model's name); a document scores the better of
 *       its own vector and its best passage. The two rankings are fused ({@link
 *       org.alima.portal.indexer.search.RankFusion}, settings in {@link org.alima.portal.indexer.search.Fusion}) and
 *       the fused scores are applied by one {@code FunctionScoreQuery} ({@link
 *       org.alima.portal.indexer.search.FusedScores}) over "the words match, or the document is among the fused
 *       ones": so totals, facets (drill-sideways passes included), visibility, sorting and cursors are those of any
 *       query. The fused window is computed without the facet filters, so that every facet count and page of a
 *       search is taken from the same set. Query syntax (phrases, fields, exclusions, wildcards) and newest-first
 *       sorting stay BM25 only: a dense model would ignore what they state. Did-you-mean counts word matches only.
 *   <li><b>A floor on hits by meaning alone.</b> A neighbour by meaning that the query's words (with their
 *       translations) do not match stays a hit only when its cosine similarity reaches {@link
 *       org.alima.portal.indexer.search.Fusion#meaningFloor()} (0.68 by default, measured in {@code
 *       Fusion.MEANING_FLOOR}); a document the words match is never removed by it. The fusion is computed over the
 *       whole dense list and the neighbours below the floor are dropped afterwards, so the documents that stay keep
 *       their order, and nonsense reaches the empty state (total 0) instead of listing the nearest documents.
 *   <li><b>Fusion, measured</b> (nDCG@10; MED: 30 queries, tuned there and on SciFact's training claims only).
 *       MED: BM25 0.658, dense 0.823 (recall@100 0.943). The variants and their figures are in the README's ranking
 *       table; the default ({@link org.alima.portal.indexer.search.Fusion#defaults()}) is the best of them.
 *   <li><b>Across languages.</b> The dense model is English ({@code bge-small-en-v1.5}; no multilingual one is
 *       obtainable here): a query the translator reads as French is encoded in its English translation ({@link
 *       org.alima.portal.indexer.search.Fusion.CrossLanguage}), while BM25 matches each typed word or its translations
 *       ({@code UserQueryParser}). The French documents keep the vectors the English model gives them, and are
 *       reached across languages by BM25's translations mostly; the figures are in the README's ranking table.
 *   <li><b>Pages by meaning.</b> The page of a hit's nearest passage comes first when the document ranks higher by
 *       meaning than by words (or its words match no page), with the passage as its snippet (query words marked
 *       where they occur in it), flagged {@code byMeaning}; otherwise it follows the pages chosen for the words, or,
 *       when the words chose that page too, takes its place among them, still flagged and with the passage.
 *   <li><b>Related documents</b> stay MoreLikeThis over words: dense related documents were not measured.
 * </ul>
 */
package org.alima.portal.indexer.search;
