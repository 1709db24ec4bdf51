package org.alima.portal.api.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Recognises a file's format from its bytes while they stream past, so that a file is never read twice nor held in
 * memory; one instance per file, not thread-safe.
 *
 * <p>PDF by its {@code %PDF-} signature, DOCX as a ZIP archive holding {@code word/document.xml}; anything else must
 * be valid UTF-8 without NUL bytes to be text, then HTML when it opens like an HTML document, Markdown when it is
 * named so, plain text otherwise. A file name never makes bytes acceptable: PNG bytes named .pdf are refused.
 */
public final class ContentSniffer {

    private static final int HEAD_SIZE = 1024;
    private static final byte[] PDF = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final String[] HTML_OPENINGS = {"<!doctype html", "<html", "<head", "<body", "<!--"};

    private final byte[] head = new byte[HEAD_SIZE];
    private int headLength;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch = CharBuffer.allocate(8192);
    /** Bytes of a UTF-8 sequence cut by a chunk boundary, carried to the next chunk. */
    private ByteBuffer carry = ByteBuffer.allocate(0);

    private boolean text = true;

    public ContentSniffer() {}

    public void update(byte[] bytes, int offset, int length) {
        if (headLength < HEAD_SIZE) {
            int n = Math.min(length, HEAD_SIZE - headLength);
            System.arraycopy(bytes, offset, head, headLength, n);
            headLength += n;
        }
        if (!text) {
            return;
        }
        for (int i = offset; i < offset + length; i++) {
            if (bytes[i] == 0) {
                text = false;
                return;
            }
        }
        ByteBuffer input = ByteBuffer.allocate(carry.remaining() + length);
        input.put(carry).put(bytes, offset, length).flip();
        decode(input, false);
        carry = input.slice();
    }

    /**
     * The format of the whole file, once every byte went through {@link #update}.
     *
     * @param file the complete file, opened only to look inside a ZIP archive
     * @throws IOException when the file cannot be read
     */
    public Optional<StoredMediaType> finish(Path file, SafeFileName name) throws IOException {
        if (startsWith(PDF)) {
            return Optional.of(StoredMediaType.PDF);
        }
        if (startsWith(ZIP)) {
            return isWordDocument(file) ? Optional.of(StoredMediaType.DOCX) : Optional.empty();
        }
        if (text) {
            decode(carry, true);
        }
        if (!text) {
            return Optional.empty();
        }
        String opening = new String(head, 0, headLength, StandardCharsets.UTF_8)
                .replace("\uFEFF", "")
                .stripLeading()
                .toLowerCase(Locale.ROOT);
        for (String html : HTML_OPENINGS) {
            if (opening.startsWith(html)) {
                return Optional.of(StoredMediaType.HTML);
            }
        }
        return Optional.of(name.hasExtension(".md", ".markdown") ? StoredMediaType.MARKDOWN : StoredMediaType.TEXT);
    }

    private void decode(ByteBuffer input, boolean endOfInput) {
        while (true) {
            scratch.clear();
            CoderResult result = utf8.decode(input, scratch, endOfInput);
            if (result.isError()) {
                text = false;
                return;
            }
            if (result.isUnderflow()) {
                if (endOfInput) {
                    scratch.clear();
                    if (utf8.flush(scratch).isError()) {
                        text = false;
                    }
                }
                return;
            }
        }
    }

    private boolean startsWith(byte[] signature) {
        return headLength >= signature.length
                && Arrays.equals(head, 0, signature.length, signature, 0, signature.length);
    }

    private static boolean isWordDocument(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return zip.getEntry("word/document.xml") != null;
        } catch (ZipException notAnArchive) {
            return false;
        }
    }
}
