package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text-based file (plain text, Markdown, HTML) into a string; stateless and thread-safe.
 *
 * <p>A byte-order mark decides the encoding when there is one (UTF-8 or UTF-16). Otherwise the bytes are read as
 * UTF-8, and when they are not valid UTF-8 as windows-1252: older French text files are mostly in that encoding (or
 * in ISO-8859-1, whose printable characters windows-1252 shares), and reading them as UTF-8 would replace every
 * accented letter. Control characters are left for {@link TextCleaner}.
 */
final class TextDecoder {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** The text of a file, possibly cut short. */
    record Decoded(String text, boolean truncated) {}

    private TextDecoder() {}

    /**
     * Reads and decodes at most about {@code maxCharacters} characters' worth of the file (four bytes per character,
     * the most UTF-8 needs), so that a huge text file costs no more memory than the cap allows.
     */
    static Decoded read(Path file, long maxCharacters) throws IOException {
        long maxBytes = Math.min(Integer.MAX_VALUE - 16, maxCharacters * 4 + 4);
        byte[] bytes;
        boolean truncated;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes);
            truncated = in.read() >= 0;
        }
        int length = truncated ? lastAsciiBoundary(bytes) : bytes.length;
        return new Decoded(decode(bytes, length), truncated);
    }

    static String decode(byte[] bytes, int length) {
        if (length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, length - 3, StandardCharsets.UTF_8);
        }
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, length - 2, StandardCharsets.UTF_16BE);
        }
        if (length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, length - 2, StandardCharsets.UTF_16LE);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException notUtf8) {
            return new String(bytes, 0, length, WINDOWS_1252);
        }
    }

    /** The length up to and including the last ASCII byte, so that a cut never splits a multi-byte character. */
    private static int lastAsciiBoundary(byte[] bytes) {
        int i = bytes.length;
        while (i > 0 && (bytes[i - 1] & 0x80) != 0) {
            i--;
        }
        return i;
    }
}
