/**
 * Document extraction: turns an uploaded file into pages of clean text with page numbers, languages and metadata, or
 * into a typed failure that tells the uploader what to do.
 *
 * <p>The entry point is {@link org.alima.portal.indexer.extract.DocumentExtractor}; everything else in the package is
 * its machinery and stays package-private. One extractor is made per process and shared:
 *
 * <pre>{@code
 * DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());
 * switch (extractor.extract(Path.of("protocole-paludisme.pdf"))) {
 *     case ExtractionResult.Extracted doc -> index(doc.metadata(), doc.pages());
 *     case ExtractionResult.Failed failed -> report(failed.kind(), failed.reason());
 * }
 * }</pre>
 *
 * <p>Flow: {@code FormatSniffer} tells the format from the bytes; a format extractor ({@code PdfExtractor}, {@code
 * DocxExtractor}, {@code HtmlExtractor}, {@code MarkdownExtractor}, {@code PlainTextExtractor}) finds the pages and
 * metadata; {@code PageAssembler} cleans each page ({@code TextCleaner}), caps the text, tells languages ({@code
 * LanguageGuesser}) and decides the outcome; {@code WorkerThread} and {@code Deadline} bound the time spent.
 */
package org.alima.portal.indexer.extract;
