package org.alima.portal.api.documents;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads bytes {@code first..last} of a file and then reports the end; one reader, not thread-safe. */
final class FileSlice extends InputStream {

    private final FileChannel channel;
    private long remaining;

    FileSlice(Path file, ByteRange range) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ).position(range.first());
        this.remaining = range.length();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
