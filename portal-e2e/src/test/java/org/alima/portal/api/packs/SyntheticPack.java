package org.alima.portal.api.packs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A large offline pack for measuring the pack's page: {@code documents × pages} pages of real French and English
 * words, written with the pack's own search data builder ({@link PackSearchIndex}, package-private in the API, hence
 * this class's package) and the page's static files as the jar ships them, but no PDFs. Each page is a run of about
 * 330 consecutive words (some 2 KB, a printed page) taken at a seeded random place of the source texts, so phrases
 * read naturally and every run of the same seed writes the same pack. Not thread-safe; one use per pack.
 */
public final class SyntheticPack {

    private static final int WORDS_PER_PAGE = 330;

    /** What was written: pack-data.js's size, the part of it that is search data, and the pages' text alone. */
    public record Sizes(long dataBytes, long searchBytes, long textBytes, int terms) {}

    private SyntheticPack() {}

    /** Writes index.html, its files and pack-data.js into {@code folder} from the words of {@code sources}. */
    public static Sizes write(Path folder, List<String> sources, int documents, int pages, long seed) {
        String[] words = String.join(" ", sources).split("\\s+");
        if (words.length < WORDS_PER_PAGE) {
            throw new IllegalArgumentException(
                    "the source texts hold " + words.length + " words; a page needs " + WORDS_PER_PAGE);
        }
        Random random = new Random(seed);
        PackSearchIndex index = new PackSearchIndex();
        long text = 0;
        StringBuilder docs = new StringBuilder();
        for (int d = 0; d < documents; d++) {
            String title = null;
            for (int p = 1; p <= pages; p++) {
                int start = random.nextInt(words.length - WORDS_PER_PAGE);
                String page = String.join(" ", Arrays.copyOfRange(words, start, start + WORDS_PER_PAGE));
                if (title == null) {
                    title = String.join(" ", Arrays.copyOfRange(words, start, start + 8));
                }
                text += page.getBytes(StandardCharsets.UTF_8).length;
                index.add(d, p, page);
            }
            docs.append(d == 0 ? "" : ",")
                    .append("\n{\"id\":\"synthetic-")
                    .append(d)
                    .append("\",\"title\":");
            Json.string(docs, "Document " + (d + 1) + ": " + title);
            docs.append(
                            ",\"authors\":[\"Synthetic, Author\"],\"date\":\"2024-01-01\",\"type\":\"report\",\"language\":")
                    .append(d % 2 == 0 ? "\"fr\"" : "\"en\"")
                    .append(
                            ",\"countries\":[\"ML\"],\"topics\":[\"test\"],\"doi\":null,\"licence\":null,\"citation\":");
            Json.string(docs, "Synthetic, A. (2024). Document " + (d + 1) + ".");
            docs.append(",\"note\":null,\"pages\":")
                    .append(pages)
                    .append(",\"file\":null,\"bytes\":")
                    .append(200_000)
                    .append('}');
        }
        String search = index.toJson();
        String data = "window.PORTAL_PACK = {\"format\":1,\"version\":\"synthetic-" + seed + "\",\"built\":\""
                + Instant.parse("2026-12-04T15:00:00Z") + "\",\"portal\":\"https://portal.example/\","
                + "\"collection\":{\"slug\":\"synthetic\",\"title\":{\"fr\":\"Paquet de mesure\",\"en\":\"Measuring pack\"},"
                + "\"description\":{\"fr\":\"" + documents + " documents de " + pages + " pages.\",\"en\":\""
                + documents
                + " documents of " + pages + " pages.\"}},\"documents\":[" + docs + "],\n\"search\":" + search + "};\n";
        try {
            Files.createDirectories(folder);
            for (String name : PackBuilder.staticFiles()) {
                try (InputStream in = SyntheticPack.class.getResourceAsStream("/pack/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException(
                                "pack/" + name + " is listed in pack/FILES but not on the class path");
                    }
                    Files.write(folder.resolve(name), in.readAllBytes());
                }
            }
            Files.writeString(folder.resolve("pack-data.js"), data);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the synthetic pack to " + folder, e);
        }
        return new Sizes(
                data.getBytes(StandardCharsets.UTF_8).length,
                search.getBytes(StandardCharsets.UTF_8).length,
                text,
                index.termCount());
    }

    /** The names of the page's static files, as pack/FILES lists them. */
    public static List<String> staticFiles() {
        return new ArrayList<>(PackBuilder.staticFiles());
    }
}
