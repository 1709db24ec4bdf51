/**
 * Cross-language search, French ↔ English: {@link org.alima.portal.indexer.crosslang.QueryTranslator} is the one entry
 * point (thread-safe, in-process, no network): {@code translate(query, readerLanguage, vocabulary)} gives a {@link
 * org.alima.portal.indexer.crosslang.Translation}, the query in the other language both as weighted alternatives per
 * typed word (for the word index) and as plain text (for a reader, or a sentence encoder).
 *
 * <p>Design choices, and what they were measured against (SciFact's 809 French training claims against the English
 * abstracts, nDCG@10; English claims 0.690):
 *
 * <ul>
 *   <li><b>Query translation with term tables</b>, not document translation nor a multilingual model: no multilingual
 *       sentence encoder is obtainable here, and a table costs microseconds per query and a few hundred kilobytes.
 *       Sources, each a resource of this package with its origin and licence in its header: a curated French–English
 *       table of about 3,400 health, public-health, humanitarian and general scientific terms ({@code
 *       terms-fr-en.tsv}, written by the project, CC0; never derived from the evaluation queries: its last section
 *       comes from the frequent words of French pharmacy exam questions that nothing covered), and cognate rules
 *       ({@code cognate-suffixes-fr-en.tsv}). Typed words alone: 0.517; cognates only 0.563; table only 0.621; both
 *       0.640 (93 % of English).
 *   <li><b>Cognates checked against the index</b>: an ending rule ("-ose" → "-osis") is only a guess, kept when the
 *       searched index holds the result as a word, so rules may be broad ({@link
 *       org.alima.portal.indexer.crosslang.Vocabulary}). A rule "-é" → "-ed" was dropped: folded, it turned "reste"
 *       into "rested".
 *   <li><b>Dictionary forms, not stems, for look-up</b> ({@code WordForms}): "enfants", "augmentent", "réduit" find
 *       "enfant", "augmenter", "réduire"; a stem would merge "malade" and "maladie".
 *   <li><b>Longest term first</b>: "fièvre jaune" before "fièvre"; a term's translations go to each of its typed
 *       words with the weight shared, so "prise en charge" → "management" counts once.
 *   <li><b>Function words are translated for reading, not for searching</b> ("chez" → "in"): as search terms they
 *       only add noise.
 *   <li><b>Query language</b> ({@code QueryLanguage}): words vote (function words, French accents, terms known on one
 *       side only); a tie goes to the reader's language; without one, each word is translated from whichever side
 *       knows it. N-gram detectors guess at random on one or two words.
 *   <li><b>Weights</b>: a translation counts as much as the typed word (1.0), so that results of both languages rank
 *       together on their evidence. 0.5 gave 0.631, 0.7 0.639, 0.85 0.642, 1.0 0.640: flat; 0.85 would favour
 *       same-language documents slightly in a mixed library (a same-language control set of 12 English questions on
 *       the shared PDFs: 12/12 found in the top 3 at 0.85, 11/12 at 1.0, 12/12 without translation), 1.0 finds more
 *       across languages (known items 39/43 against 37/43).
 *   <li><b>At most three translations per word</b>: 1 gave 0.621, 2 0.634, 3 0.632, 4 0.634.
 * </ul>
 *
 * <p>How a search uses it is decided in {@code search.UserQueryParser}: each typed word becomes the best of itself and
 * its translations (a disjunction-max: a cognate such as "mortalité"/"mortality" shares a stem with its translation,
 * and summing them lost 0.06), and a translation only matches documents that are not in the typed word's language,
 * which keeps same-language ranking exactly as without translation (SciFact English 0.690, MED 0.658, unchanged; 0.687
 * on SciFact without that filter).
 */
package org.alima.portal.indexer.crosslang;
