package org.alima.portal.api.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.alima.portal.api.system.InvalidInputException;

/**
 * Unpacks the ZIP of an API import into a folder of its own, which the importer then reads as the command line's
 * folder. Bounds are checked at the door, on the bytes actually written rather than the sizes the ZIP claims: at most
 * {@value #MAX_ENTRIES} files and {@code maxBytes} in all; an entry whose path leaves the folder (zip-slip: {@code
 * ../}, an absolute path) refuses the whole ZIP. Stateless.
 */
final class ZipLibrary {

    static final int MAX_ENTRIES = 20_000;

    private ZipLibrary() {}

    /**
     * @throws InvalidInputException naming the {@code file} part when it is no ZIP, holds a path outside its folder, or
     *     exceeds a bound; {@code target} may then hold part of it, which the caller removes
     */
    static void unpack(Path zip, Path target, long maxBytes) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        long written = 0;
        int entries = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> all = file.entries();
            while (all.hasMoreElements()) {
                ZipEntry entry = all.nextElement();
                String name = entry.getName().replace('\\', '/');
                Path destination = root.resolve(name).normalize();
                if (name.startsWith("/")
                        || name.contains(":")
                        || !destination.startsWith(root)
                        || destination.equals(root)) {
                    throw refused("holds the entry \"" + entry.getName() + "\", whose path leads outside the ZIP's"
                            + " folder; make a ZIP of the library's folder with relative paths only");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                if (++entries > MAX_ENTRIES) {
                    throw refused("holds more than " + MAX_ENTRIES + " files; import the library in several ZIPs");
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = file.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(destination)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        written += n;
                        if (written > maxBytes) {
                            throw refused("unpacks to more than " + maxBytes / (1024 * 1024) + " MB; import the"
                                    + " library in several ZIPs");
                        }
                        out.write(buffer, 0, n);
                    }
                }
            }
        } catch (ZipException e) {
            throw refused("is not a readable ZIP file (" + e.getMessage() + "); send a ZIP of the library's folder");
        }
        if (entries == 0) {
            throw refused("holds no file; send a ZIP of the library's folder");
        }
    }

    private static InvalidInputException refused(String why) {
        return InvalidInputException.of("file", why);
    }
}
