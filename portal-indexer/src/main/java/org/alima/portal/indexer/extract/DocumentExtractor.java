package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.poi.EncryptedDocumentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts the text of a document page by page, with its metadata and languages; thread-safe, and meant to be
 * created once and shared by all threads. Bad input never throws: every file gives an {@link ExtractionResult}, either
 * {@link ExtractionResult.Extracted} or a {@link ExtractionResult.Failed} whose {@link FailureKind} tells the uploader
 * what to do.
 *
 * <p>The format is told from the file's bytes, never from its name alone (see {@link FormatSniffer}): PDF, DOCX,
 * HTML, Markdown (text named {@code .md} or {@code .markdown}) and plain text; anything else is {@link
 * FailureKind#UNSUPPORTED_TYPE}. What a page is depends on the format:
 *
 * <ul>
 *   <li><b>PDF</b>: a PDF page, numbered from 1 as a viewer numbers it.
 *   <li><b>DOCX</b>: the text between page breaks: explicit breaks, {@code pageBreakBefore} paragraphs, and the
 *       {@code lastRenderedPageBreak} markers Word leaves where pages fell when it last laid the document out; so
 *       page numbers match Word's as of the last save, and a file without markers is one page.
 *   <li><b>HTML</b> and <b>Markdown</b>: a section starting at each level-1 or level-2 heading; text before the first
 *       heading is page 1.
 *   <li><b>Plain text</b>: a part between form feeds; without form feeds, pages of about 3,000 characters ending at
 *       a blank line (see {@link PlainTextExtractor}).
 * </ul>
 *
 * <p>Text is cleaned the same way for all formats ({@link TextCleaner}: line-end hyphenation joined, ligatures
 * expanded, soft hyphens and control characters dropped, NFC). Each page with enough text gets its language, and the
 * document gets the language of most of its letters. Pages without text that show images are counted as image-only:
 * when no page has text and some are images the result is {@link FailureKind#NEEDS_OCR}; when no page has text or
 * image it is {@link FailureKind#EMPTY}.
 *
 * <p>Limits ({@link ExtractionLimits}): a file larger than {@code maxFileBytes} is {@link FailureKind#TOO_LARGE}
 * without being opened. Text past {@code maxCharacters} is dropped (the pages after the cap are left out and the
 * result is marked truncated). Each extraction runs on its own worker thread under a deadline of {@code timeout}: the
 * extractors check it at every page and every thousand PDF operators and stop with {@link FailureKind#TIMEOUT}; as a
 * backstop the caller waits only a little longer than the timeout and then returns {@link FailureKind#TIMEOUT}
 * itself, abandoning the worker (see {@link WorkerThread} for what happens to it). A parser that runs out of memory
 * or stack gives {@link FailureKind#TOO_LARGE} or {@link FailureKind#MALFORMED} instead of killing the process.
 */
public final class DocumentExtractor {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentExtractor.class);

    private final ExtractionLimits limits;
    private final LanguageGuesser languages;

    public DocumentExtractor(ExtractionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.languages = LanguageGuesser.shared();
    }

    /**
     * The ISO 639-1 code of the language of {@code text} (for records that come with text but no language), or null
     * when the text is too short to tell.
     */
    public String detectLanguage(CharSequence text) {
        return languages.guess(text);
    }

    /**
     * Extracts one file.
     *
     * @throws UncheckedIOException when the file cannot be read at all (missing, not a regular file, no permission,
     *     disk error): a fault of the environment rather than of the document, which the caller must report as such
     */
    public ExtractionResult extract(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        return extractFile(file, name == null ? "" : name.toString());
    }

    /**
     * Extracts a document given as a stream (an upload), which is first copied to a temporary file that is deleted
     * afterwards; the stream is read to its end or to one byte past {@code maxFileBytes}, and not closed.
     *
     * @param fileNameHint the name the document came with; used only for the Markdown rule and to refuse a file whose
     *     name claims a format its bytes are not
     * @throws UncheckedIOException when the stream or the temporary file fails
     */
    public ExtractionResult extract(InputStream in, String fileNameHint) {
        Objects.requireNonNull(in, "in");
        String name = fileNameHint == null ? "" : fileNameHint;
        Path spool = null;
        try {
            spool = Files.createTempFile("portal-extract-", ".upload");
            long copied;
            try (OutputStream out = Files.newOutputStream(spool)) {
                copied = copy(in, out, limits.maxFileBytes() + 1);
            }
            if (copied > limits.maxFileBytes()) {
                return tooLarge(null);
            }
            return extractFile(spool, name);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot copy the upload " + name + " to a temporary file: " + e.getMessage()
                            + "; check the space and permissions of java.io.tmpdir",
                    e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    LOG.warn("could not delete the temporary copy {}: {}", spool, FailureDetail.of(e));
                }
            }
        }
    }

    /**
     * Extracts one file stored under a name that is not its own (a content-addressed store): {@code fileNameHint} is
     * used as {@link #extract(InputStream, String)} uses it, for the Markdown rule and to refuse a misnamed file.
     *
     * @throws UncheckedIOException when the file cannot be read at all, as for {@link #extract(Path)}
     */
    public ExtractionResult extract(Path file, String fileNameHint) {
        Objects.requireNonNull(file, "file");
        return extractFile(file, fileNameHint == null ? "" : fileNameHint);
    }

    /**
     * Extracts one file whose format was decided already, by {@link FormatSniffer} when the file was received (the
     * portal stores that decision with the file): the bytes are read as {@code format} without being sniffed again.
     *
     * @throws UncheckedIOException when the file cannot be read at all, as for {@link #extract(Path)}
     */
    public ExtractionResult extract(Path file, Format format) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Path name = file.getFileName();
        return extractFile(file, name == null ? "" : name.toString(), format);
    }

    private ExtractionResult extractFile(Path file, String name) {
        return extractFile(file, name, null);
    }

    /** @param known the format decided when the file was received, or null to sniff it now */
    private ExtractionResult extractFile(Path file, String name, Format known) {
        long size;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IOException("not a regular file");
            }
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + file + ": " + FailureDetail.of(e) + "; check that it exists and is readable", e);
        }
        if (size == 0) {
            return new ExtractionResult.Failed(null, FailureKind.EMPTY, 0, "the file is empty (0 bytes)");
        }
        if (size > limits.maxFileBytes()) {
            return tooLarge(size);
        }
        Deadline deadline = Deadline.after(limits.timeout());
        AtomicReference<String> mediaType = new AtomicReference<>();
        Optional<ExtractionResult> result;
        try {
            result = WorkerThread.run(
                    "extraction of " + name, () -> extractNow(file, name, known, deadline, mediaType), backstopNanos());
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        return result.orElseGet(() -> new ExtractionResult.Failed(
                mediaType.get(),
                FailureKind.TIMEOUT,
                0,
                Thread.currentThread().isInterrupted()
                        ? "interrupted before the extraction finished"
                        : "no result after " + deadline.elapsed().toMillis() + " ms; the parser was abandoned"));
    }

    /** The caller waits this long: the deadline, then a grace for the worker to notice it and return. */
    private long backstopNanos() {
        Duration timeout = limits.timeout();
        Duration grace = Duration.ofMillis(250).plus(timeout.dividedBy(20));
        if (grace.compareTo(Duration.ofSeconds(3)) > 0) {
            grace = Duration.ofSeconds(3);
        }
        return timeout.plus(grace).toNanos();
    }

    /** Runs on the worker thread: every failure of the document becomes a result here. */
    private ExtractionResult extractNow(
            Path file, String name, Format known, Deadline deadline, AtomicReference<String> mediaTypeSeen) {
        String mediaType = null;
        try {
            FormatSniffer.Verdict verdict =
                    known != null ? new FormatSniffer.Verdict.Supported(known) : FormatSniffer.sniff(file, name);
            if (verdict instanceof FormatSniffer.Verdict.Refused refused) {
                return new ExtractionResult.Failed(refused.mediaType(), refused.kind(), 0, refused.detail());
            }
            Format format = ((FormatSniffer.Verdict.Supported) verdict).format();
            mediaType = format.mediaType();
            mediaTypeSeen.set(mediaType);
            PageAssembler pages = new PageAssembler(limits.maxCharacters(), languages);
            return switch (format) {
                case PDF -> PdfExtractor.extract(file, pages, deadline, limits.maxMainMemoryBytes());
                case DOCX -> docx(file, pages, deadline);
                case HTML -> HtmlExtractor.extract(file, pages, deadline);
                case MARKDOWN -> MarkdownExtractor.extract(file, pages, deadline);
                case TEXT -> PlainTextExtractor.extract(file, pages, deadline);
            };
        } catch (ExtractionTimeoutException e) {
            return new ExtractionResult.Failed(mediaType, FailureKind.TIMEOUT, 0, e.detail());
        } catch (IOException e) {
            // the extractors turn their parsers' IOExceptions into results; what is left is reading the file itself
            throw new UncheckedIOException("cannot read " + file + ": " + FailureDetail.of(e), e);
        } catch (RuntimeException e) {
            // a parser's unchecked exception on a file it cannot handle; logged whole so that a bug is not hidden
            LOG.warn("{}: parser failure, reported as malformed", name, e);
            return new ExtractionResult.Failed(mediaType, FailureKind.MALFORMED, 0, FailureDetail.of(e));
        } catch (StackOverflowError e) {
            return new ExtractionResult.Failed(
                    mediaType, FailureKind.MALFORMED, 0, "structure nested too deeply to read (stack overflow)");
        } catch (OutOfMemoryError e) {
            // the document's objects became garbage when the stack unwound, so the process goes on
            LOG.warn("{}: ran out of memory during extraction", name);
            return new ExtractionResult.Failed(
                    mediaType, FailureKind.TOO_LARGE, 0, "extraction needs more memory than the process has");
        }
    }

    private static ExtractionResult docx(Path file, PageAssembler pages, Deadline deadline) {
        String mediaType = Format.DOCX.mediaType();
        try {
            return DocxExtractor.extract(file, pages, deadline);
        } catch (EncryptedDocumentException e) {
            return new ExtractionResult.Failed(mediaType, FailureKind.ENCRYPTED, 0, FailureDetail.of(e));
        } catch (ExtractionTimeoutException e) {
            throw e;
        } catch (Exception e) {
            if (DocxExtractor.overLimits(e)) {
                return new ExtractionResult.Failed(
                        mediaType,
                        FailureKind.TOO_LARGE,
                        0,
                        "a part of the DOCX expands to more than " + DocxExtractor.MAX_PART_BYTES + " bytes, or"
                                + " more than 100 times its compressed size, or the package holds more than "
                                + DocxExtractor.MAX_PARTS + " parts");
            }
            // POI reports damaged packages with IOException, InvalidFormatException and unchecked POIXMLException
            return new ExtractionResult.Failed(mediaType, FailureKind.MALFORMED, 0, FailureDetail.of(e));
        }
    }

    private ExtractionResult tooLarge(Long size) {
        return new ExtractionResult.Failed(
                null,
                FailureKind.TOO_LARGE,
                0,
                (size == null ? "more than " + limits.maxFileBytes() : size) + " bytes, over the limit of "
                        + limits.maxFileBytes() + " bytes");
    }

    private static long copy(InputStream in, OutputStream out, long max) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < max) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("extraction failed unexpectedly: " + FailureDetail.of(cause), cause);
    }
}
