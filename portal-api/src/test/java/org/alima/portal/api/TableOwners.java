package org.alima.portal.api;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rule "SQL that names a table lives in its owner's package", as an ArchUnit condition: the string constants of
 * each class (SQL text blocks, and the constant parts of concatenated SQL) are read from its class file and every
 * table or table function they name must belong to the class's feature package.
 */
final class TableOwners {

    /** Each table and table function of the migrations, with the feature package that owns it. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("documents", "documents"),
            Map.entry("document_files", "documents"),
            Map.entry("document_newer_published_versions", "documents"),
            Map.entry("document_tombstones", "documents"),
            Map.entry("work_translations", "documents"),
            Map.entry("document_work", "documents"),
            Map.entry("work_versions", "documents"),
            Map.entry("documents_stamp_change", "documents"),
            Map.entry("documents_leave_tombstone", "documents"),
            Map.entry("collection_items_stamp_document", "collections"),
            Map.entry("collections_stamp_documents", "collections"),
            Map.entry("index_jobs", "indexing"),
            Map.entry("ocr_jobs", "indexing"),
            Map.entry("ocr_pages", "indexing"),
            Map.entry("accounts", "accounts"),
            Map.entry("refresh_tokens", "accounts"),
            Map.entry("api_tokens", "accounts"),
            Map.entry("sign_in_failures", "accounts"),
            Map.entry("sign_in_addresses", "accounts"),
            Map.entry("node_secrets", "system"),
            Map.entry("audit_events", "audit"),
            Map.entry("collections", "collections"),
            Map.entry("collection_curators", "collections"),
            Map.entry("collection_items", "collections"),
            Map.entry("collections_keep_slug", "collections"),
            Map.entry("usage_counts", "usage"),
            Map.entry("saved_searches", "alerts"),
            Map.entry("alert_deliveries", "alerts"),
            Map.entry("import_runs", "imports"),
            Map.entry("import_lines", "imports"));

    /** A table after the SQL keywords that name one (upper case, as the portal writes SQL), or a function call. */
    private static final Pattern NAMED = Pattern.compile(
            "\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE)\\s+(?:ONLY\\s+)?([a-z_][a-z0-9_]*)\\b|\\b([a-z_][a-z0-9_]*)\\s*\\(");

    private static final Pattern CREATED =
            Pattern.compile("(?i)CREATE\\s+(?:TABLE|(?:OR\\s+REPLACE\\s+)?FUNCTION)\\s+([a-z_][a-z0-9_]*)");

    private TableOwners() {}

    /** Every table and function the Flyway migrations create, read from the migrations on the class path. */
    static Set<String> created() {
        try (Stream<Path> migrations = Files.list(Path.of(
                TableOwners.class.getClassLoader().getResource("db/migration").toURI()))) {
            Set<String> names = new TreeSet<>();
            for (Path migration : migrations.toList()) {
                Matcher create = CREATED.matcher(Files.readString(migration));
                while (create.find()) {
                    names.add(create.group(1).toLowerCase(Locale.ROOT));
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the migrations", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the migrations are not on the class path as files", e);
        }
    }

    /** Classes whose SQL names only tables of their own feature package. */
    static ArchCondition<JavaClass> nameOnlyTablesOfTheirPackage() {
        return new ArchCondition<>("name in SQL only the tables their feature package owns") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String feature = feature(type);
                for (String constant : strings(type)) {
                    Matcher named = NAMED.matcher(constant);
                    while (named.find()) {
                        String name = named.group(1) != null ? named.group(1) : named.group(2);
                        String owner = OWNERS.get(name);
                        if (owner != null && !owner.equals(feature)) {
                            events.add(SimpleConditionEvent.violated(
                                    type,
                                    type.getName() + " names " + name + ", which " + owner + " owns: ask " + owner
                                            + " through a port instead"));
                        }
                    }
                }
            }
        };
    }

    /** The package under {@code org.alima.portal.api}, e.g. {@code documents}; empty for the root. */
    private static String feature(JavaClass type) {
        String rest = type.getPackageName().replaceFirst("^org\\.alima\\.portal\\.api\\.?", "");
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** The string constants of the class's constant pool (JVMS §4.4), read from its class file. */
    static List<String> strings(JavaClass type) {
        URI file = type.getSource()
                .orElseThrow(() -> new IllegalStateException("no class file for " + type.getName()))
                .getUri();
        try (InputStream in = file.toURL().openStream()) {
            return strings(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static List<String> strings(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        in.skipNBytes(8); // magic, minor and major version
        int count = in.readUnsignedShort();
        Map<Integer, String> utf8 = new HashMap<>();
        List<Integer> stringRefs = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8.put(index, in.readUTF());
                case 8 -> stringRefs.add(in.readUnsignedShort());
                case 7, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    index++;
                }
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        return stringRefs.stream().map(utf8::get).toList();
    }
}
