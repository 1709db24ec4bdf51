package org.alima.portal.indexer.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexableDocument;

/**
 * Metadata-only records from a JSON Lines file, one document per line, such as abstracts from a bibliographic export
 * or a BEIR corpus. Not thread-safe: one stream per reader.
 *
 * <p>Recognised keys: {@code id} (or BEIR's {@code _id}, required), {@code title}, {@code text} (the body, one page),
 * {@code abstract}, {@code authors}, {@code keywords}, {@code doi}, {@code type}, {@code language}, {@code date}
 * (ISO-8601) or {@code year}, {@code countries}, {@code topics}, {@code collections}. List keys take an array or a
 * string separated by {@code ;}.
 */
public final class JsonLinesRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonLinesRecords() {}

    /** True for files named *.jsonl or *.ndjson, the only ones read as records rather than documents. */
    public static boolean isJsonLines(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    /**
     * Streams the records of a file lazily; the caller closes the stream.
     *
     * @param language fills in the language of records that lack one, from their text
     * @throws UncheckedIOException wrapping a {@link RecordException} that names the line of a malformed record
     */
    public static Stream<IndexableDocument> read(Path file, Function<String, String> language) throws IOException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        Iterator<IndexableDocument> records = new Iterator<>() {
            private int lineNumber;
            private IndexableDocument next = advance();

            private IndexableDocument advance() {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lineNumber++;
                        if (!line.isBlank()) {
                            return parse(file, lineNumber, line, language);
                        }
                    }
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public IndexableDocument next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                IndexableDocument current = next;
                next = advance();
                return current;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED), false)
                .onClose(() -> {
                    try {
                        in.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    static IndexableDocument parse(Path file, int lineNumber, String line, Function<String, String> language)
            throws RecordException {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new RecordException(file, lineNumber, "is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new RecordException(file, lineNumber, "is not a JSON object");
        }
        String id = text(node, "id");
        if (id == null) {
            id = text(node, "_id");
        }
        if (id == null || id.isBlank()) {
            throw new RecordException(file, lineNumber, "has no \"id\" (or \"_id\"); every record needs one");
        }
        String body = text(node, "text");
        String abstractText = text(node, "abstract");
        String lang = text(node, "language");
        if (lang == null) {
            String sample = body != null ? body : abstractText;
            lang = sample == null ? null : language.apply(sample);
        }
        List<Page> pages = body == null ? List.of() : List.of(new Page(1, body, lang));
        return IndexableDocument.published(
                id,
                file.toAbsolutePath().toString(),
                text(node, "title"),
                abstractText,
                list(node, "authors"),
                list(node, "keywords"),
                text(node, "doi"),
                text(node, "type"),
                lang,
                date(file, lineNumber, node),
                list(node, "countries"),
                list(node, "topics"),
                list(node, "collections"),
                pages);
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<String> list(JsonNode node, String key) {
        JsonNode value = node.get(key);
        List<String> values = new ArrayList<>();
        if (value == null || value.isNull()) {
            return values;
        }
        if (value.isArray()) {
            value.forEach(v ->
                    values.add(v.isObject() && v.has("name") ? v.get("name").asText() : v.asText()));
        } else {
            for (String part : value.asText().split(";")) {
                if (!part.isBlank()) {
                    values.add(part.strip());
                }
            }
        }
        return values;
    }

    private static LocalDate date(Path file, int lineNumber, JsonNode node) throws RecordException {
        String date = text(node, "date");
        try {
            if (date != null) {
                return LocalDate.parse(date.length() > 10 ? date.substring(0, 10) : date);
            }
        } catch (DateTimeParseException e) {
            throw new RecordException(file, lineNumber, "has a \"date\" that is not YYYY-MM-DD: " + date);
        }
        JsonNode year = node.get("year");
        if (year != null && year.canConvertToInt()) {
            return LocalDate.of(year.asInt(), 1, 1);
        }
        return null;
    }

    /** A record that cannot be read; the message names the file, the line and what to fix. */
    public static final class RecordException extends IOException {
        RecordException(Path file, int lineNumber, String problem) {
            super(file + ":" + lineNumber + ": the record " + problem);
        }
    }
}
