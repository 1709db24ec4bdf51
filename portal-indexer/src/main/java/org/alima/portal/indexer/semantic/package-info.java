/**
 * The dense (semantic) model: {@link org.alima.portal.indexer.semantic.SentenceEncoder} runs an English
 * sentence-embedding model in-process (ONNX Runtime, Hugging Face's tokenizer through DJL, both from Maven Central,
 * the model's files resources of a Maven Central jar: nothing is downloaded at run time), {@link
 * org.alima.portal.indexer.semantic.SemanticModel} loads it once per JVM and lazily, {@link
 * org.alima.portal.indexer.semantic.DocumentEmbedder} computes a document's vectors for the index.
 *
 * <p>Choices, and what they were measured against (this project's machine, 2 cores shared with other builds):
 *
 * <ul>
 *   <li><b>Model.</b> bge-small-en-v1.5, int8-quantised (34 MB). Dense retrieval alone, exact cosine, title and
 *       text of each record, on MED (30 queries, 1,033 abstracts; BM25 0.658): bge-small-en-v1.5-q nDCG@10 0.823
 *       (recall@100 0.943), e5-small-v2-q 0.828 (0.927). On SciFact, published figures for the full-precision models
 *       (BEIR test split): bge-small-en-v1.5 0.713, e5-small-v2 0.68, all-MiniLM-L6-v2 0.645. The two small models
 *       cost the same (both 12 layers of 384 dimensions); bge was kept for its published SciFact lead and its
 *       recall on MED. MiniLM-L6 is half the cost and was not measured to the end on MED (this machine's load).
 *   <li><b>Runtime.</b> ONNX Runtime 1.29 directly rather than langchain4j's wrapper, which pins an older ONNX
 *       Runtime and tokenizer and pools by its own rules; each encoding runs on one thread (no spinning pool threads
 *       on a 2-core machine), concurrency comes from concurrent callers. Loading runs in a thread with a 16 MB stack:
 *       ONNX Runtime's native initialisation overflowed a default 1 MB main-thread stack (a segmentation fault).
 *   <li><b>Cost.</b> Some 130 CPU-ms to encode 300 word pieces; a query (with bge's retrieval instruction) some
 *       20-30 ms. Hence passages of about 1,800 characters, and one encoding for a record whose whole text fits its
 *       document vector (see {@link org.alima.portal.indexer.index.Passages}).
 *   <li><b>Prefixes.</b> bge's query instruction ("Represent this sentence for searching relevant passages: ") on
 *       queries, nothing on passages, CLS pooling, unit vectors (dot product); e5's "query: "/"passage: " and mean
 *       pooling for e5; truncation at 512 word pieces (256 for MiniLM).
 * </ul>
 */
package org.alima.portal.indexer.semantic;
