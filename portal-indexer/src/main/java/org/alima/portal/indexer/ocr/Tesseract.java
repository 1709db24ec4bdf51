package org.alima.portal.indexer.ocr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Tesseract 5 run as a bounded child process, one image at a time: a crash, a runaway page or a memory blow-up of the
 * native engine ends the child, never the portal's JVM (tess4j would load it into the JVM), and a time limit can kill
 * it. The child gets one OpenMP thread (the portal runs pages in parallel itself), the lowest CPU priority ({@code
 * nice}) and, where {@code prlimit} exists, an address-space limit. Thread-safe; each call starts its own process.
 */
public final class Tesseract {

    private static final Path NICE = Path.of("/usr/bin/nice");

    private final String command;
    private final long memoryBytes;
    private final Optional<String> prlimit;
    private final List<String> languages;
    private final String version;

    private Tesseract(
            String command, long memoryBytes, Optional<String> prlimit, List<String> languages, String version) {
        this.command = command;
        this.memoryBytes = memoryBytes;
        this.prlimit = prlimit;
        this.languages = List.copyOf(languages);
        this.version = version;
    }

    /**
     * The engine at {@code command} (a name looked up on the PATH, or a path), with its installed languages; empty
     * when it cannot be run, with the reason in {@code why}.
     */
    public static Optional<Tesseract> find(String command, long memoryBytes, StringBuilder why) {
        List<String> listed;
        try {
            listed = run(List.of(command, "--list-langs"), Duration.ofSeconds(20));
        } catch (IOException e) {
            why.append(command).append(" cannot be run: ").append(e.getMessage());
            return Optional.empty();
        }
        List<String> languages = new ArrayList<>();
        for (String line : listed) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("List of") && !name.equals("osd")) {
                languages.add(name);
            }
        }
        if (!languages.contains("eng") && !languages.contains("fra")) {
            why.append(command)
                    .append(" has neither French nor English data (installed: ")
                    .append(languages)
                    .append("); install tesseract-ocr-fra and tesseract-ocr-eng");
            return Optional.empty();
        }
        String version;
        try {
            version = run(List.of(command, "--version"), Duration.ofSeconds(20)).stream()
                    .findFirst()
                    .orElse("tesseract")
                    .strip();
        } catch (IOException e) {
            version = "tesseract";
        }
        return Optional.of(new Tesseract(command, memoryBytes, prlimit(), languages, version));
    }

    /** The first line of {@code tesseract --version}, such as "tesseract 5.3.0". */
    public String version() {
        return version;
    }

    /** The installed languages, as Tesseract names them ("eng", "fra"). */
    public List<String> languages() {
        return languages;
    }

    /**
     * The languages to read a page with, the expected one first (Tesseract prefers the first): {@code fra+eng} for a
     * French document, {@code eng+fra} for an English one or one whose language is not known, limited to what is
     * installed.
     *
     * @param language ISO 639-1 code of the document's language, or null
     */
    public String languagesFor(String language) {
        List<String> wanted = "fr".equals(language) ? List.of("fra", "eng") : List.of("eng", "fra");
        return String.join("+", wanted.stream().filter(languages::contains).toList());
    }

    /**
     * Reads the text of one image.
     *
     * @param image a PNG (or any image Leptonica reads)
     * @param languages as {@link #languagesFor} gives them
     * @param dpi the resolution the image was rendered at
     * @param limit the time after which the child is killed
     * @throws OcrException when Tesseract fails, runs out of its memory or time
     */
    public OcrText read(Path image, String languages, int dpi, Duration limit) throws OcrException {
        List<String> args = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            // the lowest CPU priority: text extraction and searches come first on a server with few cores
            args.addAll(List.of(NICE.toString(), "-n", "19"));
        }
        if (prlimit.isPresent() && memoryBytes > 0) {
            args.addAll(List.of(prlimit.get(), "--as=" + memoryBytes, "--"));
        }
        args.addAll(List.of(
                command,
                image.toString(),
                "stdout",
                "-l",
                languages,
                "--dpi",
                String.valueOf(dpi),
                "--psm",
                "3",
                "tsv"));
        try {
            return OcrText.fromTsv(run(args, limit));
        } catch (IOException e) {
            throw new OcrException(e.getMessage());
        }
    }

    /** Runs a child with one OpenMP thread and returns its standard output as lines. */
    private static List<String> run(List<String> args, Duration limit) throws IOException {
        Path out = Files.createTempFile("portal-ocr-", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(args)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            Process process = builder.start();
            boolean ended;
            try {
                ended = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + args.getFirst() + " was running");
            }
            if (!ended) {
                process.destroyForcibly();
                throw new IOException("no result after " + limit.toSeconds() + " s; the page was abandoned");
            }
            if (process.exitValue() != 0) {
                throw new IOException(args.getFirst() + " ended with status " + process.exitValue()
                        + (process.exitValue() > 128 ? " (killed: out of memory or time)" : ""));
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** util-linux's prlimit, where Debian puts it: it sets the child's address-space limit before Tesseract runs. */
    private static Optional<String> prlimit() {
        Path prlimit = Path.of("/usr/bin/prlimit");
        return Files.isExecutable(prlimit) ? Optional.of(prlimit.toString()) : Optional.empty();
    }

    @Override
    public String toString() {
        return version + " (" + String.join(", ", languages) + ")";
    }
}
