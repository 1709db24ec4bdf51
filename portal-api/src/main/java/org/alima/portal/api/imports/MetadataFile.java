package org.alima.portal.api.imports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.alima.portal.api.vocabularies.Vocabulary;

/**
 * The metadata file of an import, CSV (a header line, RFC 4180 quoting) or JSON Lines (one object a line), read into
 * one {@link Row} per line with the keys of an upload's {@code metadata} part. It only renames and splits: whether a
 * value is right is the documents package's rule ({@code MetadataJson}), applied when the row's file is imported.
 * Immutable once read.
 *
 * <p>Columns (keys): {@code file} (the file's path relative to the folder, or its name), {@code title}, {@code
 * abstract}, {@code authors}, {@code date}, {@code type}, {@code language}, {@code countries}, {@code topics}, {@code
 * doi}, {@code licence}, {@code design} (a study design's code), {@code health_topics}, {@code populations}, {@code
 * settings}, {@code interventions}; several authors, countries, topics or vocabulary values are separated by {@code ;}.
 *
 * <p>A value of a vocabulary column that names one of its terms, by code or by French or English label (case, accents
 * and spacing ignored), becomes its code; any other value is kept as free text in the vocabulary's "other" field
 * ({@code topics} for health topics), so that nothing a library recorded is lost.
 */
final class MetadataFile {

    /** The column names, with the metadata key each becomes. */
    static final Map<String, String> COLUMNS = columns();

    private static final List<String> MULTIPLE =
            List.of("authors", "countries", "topics", "healthTopics", "populations", "settings", "interventions");

    /** The vocabularies whose columns take codes or labels, free text going to the vocabulary's "other" field. */
    private static final List<Vocabulary> CLASSIFIED =
            List.of(Vocabulary.HEALTH, Vocabulary.POPULATION, Vocabulary.SETTING, Vocabulary.INTERVENTION);

    private final List<Row> rows;

    private MetadataFile(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * One line of the metadata file.
     *
     * @param file the file it describes, as given, with {@code /} as separator; null when the line names none
     * @param problem why the line cannot be used, or null
     */
    record Row(
            int line,
            @Nullable String file,
            Map<String, Object> metadata,
            @Nullable String problem) {}

    List<Row> rows() {
        return rows;
    }

    static MetadataFile none() {
        return new MetadataFile(List.of());
    }

    /**
     * Reads {@code path}: JSON Lines when its name ends in {@code .jsonl} or {@code .ndjson}, CSV otherwise.
     *
     * @throws MetadataFileException when the file as a whole cannot be read (no header, an unknown column, not UTF-8)
     */
    static MetadataFile read(Path path, JsonMapper json) throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new MetadataFileException(path + " is not UTF-8; save it as UTF-8 (CSV UTF-8 in a spreadsheet)");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".ndjson") ? jsonLines(text, json) : csv(text);
    }

    static MetadataFile jsonLines(String text, JsonMapper json) {
        List<Row> rows = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int line = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            Map<?, ?> object;
            try {
                object = json.readValue(lines[i], Map.class);
            } catch (IOException | RuntimeException e) {
                rows.add(new Row(line, null, Map.of(), "not a JSON object: " + firstLine(e)));
                continue;
            }
            if (object == null) {
                rows.add(new Row(line, null, Map.of(), "not a JSON object"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, Object> lists = new LinkedHashMap<>();
            String unknown = null;
            for (Map.Entry<?, ?> entry : object.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String known = COLUMNS.get(key.toLowerCase(Locale.ROOT));
                if (known == null) {
                    unknown = key;
                    break;
                }
                if (entry.getValue() instanceof List<?> list) {
                    lists.put(key.toLowerCase(Locale.ROOT), list);
                } else if (entry.getValue() != null) {
                    values.put(key.toLowerCase(Locale.ROOT), String.valueOf(entry.getValue()));
                }
            }
            if (unknown != null) {
                rows.add(new Row(line, null, Map.of(), "unknown key \"" + unknown + "\"; the keys are " + names()));
                continue;
            }
            rows.add(row(line, values, lists));
        }
        return new MetadataFile(rows);
    }

    static MetadataFile csv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        Csv.parse(text, records, lineNumbers);
        if (records.isEmpty()) {
            throw new MetadataFileException("the CSV file is empty; its first line names the columns: " + names());
        }
        List<String> header = records.get(0).stream()
                .map(column -> column.strip().toLowerCase(Locale.ROOT))
                .toList();
        for (String column : header) {
            if (!COLUMNS.containsKey(column)) {
                throw new MetadataFileException(
                        "unknown column \"" + column + "\" in the CSV header; the columns are " + names());
            }
        }
        if (!header.contains("file")) {
            throw new MetadataFileException("the CSV header has no \"file\" column: each line names the file it"
                    + " describes, by its path relative to the folder or its name");
        }
        List<Row> rows = new ArrayList<>();
        for (int r = 1; r < records.size(); r++) {
            List<String> record = records.get(r);
            int line = lineNumbers.get(r);
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            if (record.size() != header.size()) {
                rows.add(new Row(
                        line,
                        null,
                        Map.of(),
                        "has " + record.size() + " values for " + header.size() + " columns; quote values that"
                                + " contain a comma"));
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                values.put(header.get(c), record.get(c));
            }
            rows.add(row(line, values, Map.of()));
        }
        return new MetadataFile(rows);
    }

    /** A line's values as an upload's metadata: renamed, multiple values split on {@code ;}, blanks left out. */
    private static Row row(int line, Map<String, String> values, Map<String, Object> lists) {
        String file = null;
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, String> value : values.entrySet()) {
            String text = value.getValue().strip();
            if (text.isEmpty()) {
                continue;
            }
            String key = COLUMNS.get(value.getKey());
            if (key.equals("file")) {
                file = text.replace('\\', '/');
            } else if (MULTIPLE.contains(key)) {
                List<String> parts = Arrays.stream(text.split(";"))
                        .map(String::strip)
                        .filter(part -> !part.isEmpty())
                        .toList();
                metadata.put(key, key.equals("authors") ? authors(parts) : parts);
            } else {
                metadata.put(key, text);
            }
        }
        for (Map.Entry<String, Object> list : lists.entrySet()) {
            String key = COLUMNS.get(list.getKey());
            List<?> items = (List<?>) list.getValue();
            if (key.equals("authors")) {
                metadata.put(
                        key,
                        items.stream()
                                .map(item -> item instanceof String name ? Map.of("name", name) : item)
                                .toList());
            } else {
                metadata.put(key, items);
            }
        }
        for (Vocabulary vocabulary : CLASSIFIED) {
            classify(vocabulary, metadata);
        }
        if (file == null) {
            return new Row(
                    line, null, metadata, "names no file; give the file's path relative to the folder, or its name");
        }
        return new Row(line, file, metadata, null);
    }

    /** Replaces the vocabulary's values by the codes they name, and moves the others to its free-text field. */
    private static void classify(Vocabulary vocabulary, Map<String, Object> metadata) {
        Object given = metadata.remove(vocabulary.field());
        if (!(given instanceof List<?> values)) {
            if (given != null) {
                metadata.put(vocabulary.field(), given); // not a list: the metadata's own check reports it
            }
            return;
        }
        List<String> codes = new ArrayList<>();
        List<Object> other = new ArrayList<>();
        if (metadata.get(vocabulary.otherField()) instanceof List<?> already) {
            other.addAll(already);
        }
        for (Object value : values) {
            String text = value == null ? "" : String.valueOf(value).strip();
            if (text.isEmpty()) {
                continue;
            }
            vocabulary
                    .named(text)
                    .ifPresentOrElse(
                            term -> {
                                if (!codes.contains(term.code())) {
                                    codes.add(term.code());
                                }
                            },
                            () -> other.add(text));
        }
        metadata.put(vocabulary.field(), codes);
        if (!other.isEmpty()) {
            metadata.put(vocabulary.otherField(), other);
        }
    }

    private static List<Map<String, String>> authors(List<String> names) {
        return names.stream().map(name -> Map.of("name", name)).toList();
    }

    private static String names() {
        return String.join(
                ", ",
                List.of(
                        "file",
                        "title",
                        "abstract",
                        "authors",
                        "date",
                        "type",
                        "language",
                        "countries",
                        "topics",
                        "doi",
                        "licence",
                        "design",
                        "health_topics",
                        "populations",
                        "settings",
                        "interventions"));
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    private static Map<String, String> columns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("file", "file");
        columns.put("path", "file");
        columns.put("title", "title");
        columns.put("abstract", "abstract");
        columns.put("authors", "authors");
        columns.put("date", "publicationDate");
        columns.put("publicationdate", "publicationDate");
        columns.put("type", "type");
        columns.put("language", "language");
        columns.put("countries", "countries");
        columns.put("topics", "topics");
        columns.put("doi", "doi");
        columns.put("licence", "license");
        columns.put("license", "license");
        columns.put("design", "design");
        columns.put("health_topics", "healthTopics");
        columns.put("healthtopics", "healthTopics");
        columns.put("populations", "populations");
        columns.put("settings", "settings");
        columns.put("interventions", "interventions");
        return Map.copyOf(columns);
    }

    /** The metadata file as a whole cannot be used: the import does not start. */
    static final class MetadataFileException extends RuntimeException {
        MetadataFileException(String message) {
            super(message);
        }
    }

    /** RFC 4180: fields separated by commas, quoted with {@code "} when they hold commas, quotes or line breaks. */
    private static final class Csv {

        private Csv() {}

        static void parse(String text, List<List<String>> records, List<Integer> lineNumbers) {
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            int line = 1;
            int recordLine = 1;
            boolean any = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                any = true;
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r') {
                    // the \n that follows ends the record
                } else if (c == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    lineNumbers.add(recordLine);
                    record = new ArrayList<>();
                    line++;
                    recordLine = line;
                    any = false;
                } else {
                    field.append(c);
                }
            }
            if (any) {
                record.add(field.toString());
                records.add(record);
                lineNumbers.add(recordLine);
            }
        }
    }
}
