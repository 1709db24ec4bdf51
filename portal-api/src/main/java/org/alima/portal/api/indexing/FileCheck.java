package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.alima.portal.api.files.FileStore;
import org.alima.portal.api.files.StoredFile;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * The processing of this first version: reads the stored file back and checks it, without extracting its text or
 * indexing it, so every document it handles ends {@code extracted} (read and checked; <em>not</em> searchable) or
 * {@code failed}. Stateless and thread-safe.
 *
 * <p>It verifies that the bytes still have the SHA-256 and format recorded at upload, counts the pages of a PDF and
 * reads its document information (title, author, keywords) with PDFBox, and counts the characters of the text
 * formats. Text extraction and the Lucene index ({@code DocumentExtractor} and {@code PortalIndex} of portal-indexer)
 * take this class's place in the next version, as another {@link DocumentProcessor}.
 */
@Singleton
@Secondary
final class FileCheck implements DocumentProcessor {

    private final FileStore files;

    FileCheck(FileStore files) {
        this.files = files;
    }

    @Override
    public ProcessingOutcome process(StoredDocument document) {
        StoredFile stored = document.file();
        FileStore.FileFacts facts;
        try {
            facts = files.inspect(stored.path(), stored.name());
        } catch (IOException e) {
            return new ProcessingOutcome.Failed(
                    "the stored file cannot be read at the moment; it will be tried again", true);
        }
        if (!facts.sha256().equals(stored.sha256())) {
            return new ProcessingOutcome.Failed(
                    "the stored file no longer matches the upload (its SHA-256 differs); upload the file again", false);
        }
        if (facts.mediaType() != stored.mediaType()) {
            return new ProcessingOutcome.Failed(
                    "the stored file's format no longer matches the upload; upload the file again", false);
        }
        Path path = stored.path();
        try {
            return switch (stored.mediaType()) {
                case PDF -> pdf(path);
                case TEXT, MARKDOWN, HTML ->
                    new ProcessingOutcome.Processed(
                            false, null, characters(path), null, ProcessingOutcome.MetadataFromFile.none());
                case DOCX ->
                    new ProcessingOutcome.Processed(false, null, null, null, ProcessingOutcome.MetadataFromFile.none());
            };
        } catch (IOException e) {
            return new ProcessingOutcome.Failed(
                    "the stored file cannot be read at the moment; it will be tried again", true);
        }
    }

    private static ProcessingOutcome pdf(Path path) {
        try (PDDocument pdf = Loader.loadPDF(path.toFile())) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            return new ProcessingOutcome.Processed(
                    false,
                    pdf.getNumberOfPages(),
                    null,
                    null,
                    new ProcessingOutcome.MetadataFromFile(
                            blankToNull(info.getTitle()),
                            split(info.getAuthor(), ";"),
                            split(info.getKeywords(), "[;,]")));
        } catch (InvalidPasswordException e) {
            return new ProcessingOutcome.Failed(
                    "the PDF is password-protected; upload a copy without an opening password", false);
        } catch (IOException e) {
            return new ProcessingOutcome.Failed(
                    "the PDF is damaged or truncated and cannot be read; export it again from its source", false);
        }
    }

    private static long characters(Path path) throws IOException {
        long count = 0;
        char[] buffer = new char[16 * 1024];
        try (InputStream in = Files.newInputStream(path);
                Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                count += n;
            }
        }
        return count;
    }

    /**
     * PDF authors and keywords are one string each, by convention separated by semicolons (authors, whose names may
     * hold a comma) or by semicolons and commas (keywords).
     */
    private static List<String> split(String value, String separators) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(clean(value).split(separators))
                .map(String::strip)
                .filter(s -> !s.isEmpty() && s.length() <= 200)
                .limit(50)
                .toList();
    }

    /** A file's own metadata is untrusted text: keep what the API itself would accept from a person. */
    private static String clean(String value) {
        StringBuilder kept = new StringBuilder(value.length());
        value.codePoints()
                .filter(c -> !Character.isISOControl(c) && !(c >= 0xD800 && c <= 0xDFFF))
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String blankToNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = clean(value).strip();
        if (stripped.isEmpty()) {
            return null;
        }
        return stripped.length() > 1000 ? stripped.substring(0, 1000) : stripped;
    }
}
