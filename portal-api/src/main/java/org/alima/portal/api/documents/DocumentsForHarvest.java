package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.oai.HarvestPage;
import org.alima.portal.api.oai.HarvestQuery;
import org.alima.portal.api.oai.HarvestedDocuments;
import org.alima.portal.api.oai.HarvestedRecord;

/**
 * The documents as OAI-PMH harvesters see them: published ones, and withdrawn and deleted ones as deleted records;
 * thread-safe. The datestamps are kept by the database's triggers (V12), so that no code path changes what harvesters
 * see without moving its datestamp.
 */
@Singleton
class DocumentsForHarvest implements HarvestedDocuments {

    /** The query's values once, named, so that the two branches of the union read them without binding them twice. */
    private static final String RECORDS = """
            WITH p AS (SELECT ?::timestamptz AS since, ?::timestamptz AS before_, ?::text AS type, ?::text AS slug,
                              ?::uuid[] AS ids, ?::timestamptz AS after_stamp, ?::uuid AS after_id),
            records AS (
                SELECT d.id, d.changed_at AS datestamp, d.status = 'withdrawn' AS deleted, d.type,
                       '{}'::text[] AS former
                  FROM documents d, p
                 WHERE d.status IN ('published', 'withdrawn')
                   AND (p.since IS NULL OR d.changed_at >= p.since) AND (p.before_ IS NULL OR d.changed_at < p.before_)
                   AND (p.type IS NULL OR d.type = p.type) AND (p.slug IS NULL OR d.id = ANY (p.ids))
                UNION ALL
                SELECT t.document_id, t.changed_at, true, t.type, t.collection_slugs
                  FROM document_tombstones t, p
                 WHERE (p.since IS NULL OR t.changed_at >= p.since) AND (p.before_ IS NULL OR t.changed_at < p.before_)
                   AND (p.type IS NULL OR t.type = p.type) AND (p.slug IS NULL OR p.slug = ANY (t.collection_slugs))
            )
            """;

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    DocumentsForHarvest(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    @ReadOnly
    public HarvestPage page(HarvestQuery query) {
        long[] counts = jdbc.prepareStatement(RECORDS + """
                SELECT count(*), count(*) FILTER (WHERE (r.datestamp, r.id) <= (p.after_stamp, p.after_id))
                  FROM records r, p
                """, statement -> {
            bind(statement, query);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        });
        List<HarvestedRecord> headers = jdbc.prepareStatement(RECORDS + """
                SELECT r.id, r.datestamp, r.deleted, r.type, r.former
                  FROM records r, p
                 WHERE p.after_stamp IS NULL OR (r.datestamp, r.id) > (p.after_stamp, p.after_id)
                 ORDER BY r.datestamp, r.id
                 LIMIT ?
                """, statement -> {
            int next = bind(statement, query);
            statement.setInt(next, query.limit());
            return headers(statement.executeQuery());
        });
        return new HarvestPage(withMetadata(headers), counts[0], counts[1]);
    }

    @Override
    @ReadOnly
    public Optional<HarvestedRecord> find(UUID id) {
        List<HarvestedRecord> found = jdbc.prepareStatement("""
                SELECT d.id, d.changed_at AS datestamp, d.status = 'withdrawn' AS deleted, d.type, '{}'::text[] AS former
                  FROM documents d
                 WHERE d.id = ? AND d.status IN ('published', 'withdrawn')
                UNION ALL
                SELECT t.document_id, t.changed_at, true, t.type, t.collection_slugs
                  FROM document_tombstones t
                 WHERE t.document_id = ?
                """, statement -> {
            statement.setObject(1, id);
            statement.setObject(2, id);
            return headers(statement.executeQuery());
        });
        return withMetadata(found).stream().findFirst();
    }

    @Override
    public List<String> documentTypes() {
        return Arrays.stream(DocumentType.values()).map(DocumentType::wireName).toList();
    }

    @Override
    @ReadOnly
    public Optional<Instant> earliestDatestamp() {
        return jdbc.prepareStatement("""
                SELECT min(m.earliest) FROM (
                    SELECT min(changed_at) AS earliest FROM documents WHERE status IN ('published', 'withdrawn')
                    UNION ALL
                    SELECT min(changed_at) FROM document_tombstones) m
                """, statement -> {
            ResultSet rows = statement.executeQuery();
            rows.next();
            return Optional.ofNullable(instant(rows, 1));
        });
    }

    private static int bind(PreparedStatement statement, HarvestQuery query) throws SQLException {
        statement.setObject(1, time(query.from()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setObject(2, time(query.until()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setString(3, query.type());
        if (query.collection() == null) {
            statement.setString(4, null);
            statement.setNull(5, Types.ARRAY);
        } else {
            statement.setString(4, query.collection().slug());
            statement.setArray(
                    5,
                    statement
                            .getConnection()
                            .createArrayOf(
                                    "uuid", query.collection().documents().toArray()));
        }
        statement.setObject(6, time(query.afterDatestamp()), Types.TIMESTAMP_WITH_TIMEZONE);
        statement.setObject(7, query.afterId());
        return 8;
    }

    private static List<HarvestedRecord> headers(ResultSet rows) throws SQLException {
        List<HarvestedRecord> found = new ArrayList<>();
        while (rows.next()) {
            found.add(new HarvestedRecord(
                    rows.getObject(1, UUID.class),
                    instant(rows, 2),
                    rows.getBoolean(3),
                    rows.getString(4),
                    strings(rows.getArray(5)),
                    null));
        }
        return found;
    }

    /**
     * The records with the metadata of those that are not deleted. One that was deleted since its header was read has
     * its tombstone now, and is shown as deleted.
     */
    private List<HarvestedRecord> withMetadata(List<HarvestedRecord> headers) {
        List<UUID> live = headers.stream()
                .filter(header -> !header.deleted())
                .map(HarvestedRecord::id)
                .toList();
        Map<UUID, HarvestedRecord.Metadata> metadata = live.isEmpty() ? Map.of() : metadata(live);
        return headers.stream()
                .map(header -> header.deleted()
                        ? header
                        : new HarvestedRecord(
                                header.id(),
                                header.datestamp(),
                                !metadata.containsKey(header.id()),
                                header.type(),
                                header.formerCollections(),
                                metadata.get(header.id())))
                .toList();
    }

    private Map<UUID, HarvestedRecord.Metadata> metadata(List<UUID> ids) {
        return jdbc.prepareStatement("""
                SELECT d.id, d.title, d.abstract, d.authors, d.publication_date, d.language, d.countries, d.topics,
                       d.doi, d.license, d.published_at, d.study_design, d.health_topics, d.populations,
                       d.settings, d.interventions,
                       (SELECT f.format FROM document_files f WHERE f.document_id = d.id
                         ORDER BY f.created_at LIMIT 1) AS format
                  FROM documents d
                 WHERE d.id = ANY (?) AND d.status = 'published'
                """, statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("uuid", ids.toArray()));
            ResultSet rows = statement.executeQuery();
            Map<UUID, HarvestedRecord.Metadata> found = new HashMap<>();
            while (rows.next()) {
                Date published = rows.getDate("publication_date");
                found.put(
                        rows.getObject("id", UUID.class),
                        new HarvestedRecord.Metadata(
                                rows.getString("title"),
                                rows.getString("abstract"),
                                authors(rows.getString("authors")),
                                published == null
                                        ? null
                                        : published.toLocalDate().toString(),
                                rows.getString("language"),
                                strings(rows.getArray("countries")),
                                strings(rows.getArray("topics")),
                                rows.getString("doi"),
                                rows.getString("license"),
                                rows.getString("format"),
                                instant(rows, "published_at"),
                                rows.getString("study_design"),
                                strings(rows.getArray("health_topics")),
                                strings(rows.getArray("populations")),
                                strings(rows.getArray("settings")),
                                strings(rows.getArray("interventions"))));
            }
            return found;
        });
    }

    private List<HarvestedRecord.Author> authors(String stored) {
        try {
            return json.readValue(stored, Argument.listOf(Author.class)).stream()
                    .map(author -> new HarvestedRecord.Author(author.name(), author.orcid()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the authors stored as JSON", e);
        }
    }

    @Nullable
    private static OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    @Nullable
    private static Instant instant(ResultSet rows, int column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    @Nullable
    private static Instant instant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
