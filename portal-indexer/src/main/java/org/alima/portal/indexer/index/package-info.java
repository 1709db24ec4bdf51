/**
 * The portal's Lucene index: {@link org.alima.portal.indexer.index.IndexSchema} names and explains every field, and
 * {@link org.alima.portal.indexer.index.PortalIndex} owns the index directory (writes, commits, near-real-time
 * refresh, statistics, rebuild-and-swap). Both are thread-safe.
 *
 * <p>French and English: every text field is analysed once, with the folded word, its English (Porter) stem and its
 * French light stem stacked at one position, so a query matches whatever the document's language and the user need
 * not know it; one field per language would double the index and need a dismax per word. On English collections the
 * French stems cost little: SciFact nDCG@10 0.683 with both stemmers against 0.686 with Porter alone (English minimal
 * instead of Porter 0.668, KStem 0.677); MED 0.664 against 0.673.
 */
package org.alima.portal.indexer.index;
