package org.alima.portal.api.documents;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.audit.AuditLog;
import org.alima.portal.api.indexing.IndexQueue;
import org.alima.portal.api.system.InvalidInputException;

/**
 * The language versions of a work ({@code work_translations}, V24): links and unlinks them, and lists those a viewer
 * may see. Thread-safe; each change in one transaction with its audit record and the reindexing of every version of
 * the works concerned (search collapses a set into one hit).
 *
 * <p>A work is a chain of versions (a document and the new versions that supersede it, named by its first version);
 * a link puts two works in one translation set, so every version of each, present and future, is linked. Linking is
 * for whoever may edit both documents: a curator, or the contributor who owns both. Each work of a set has its own
 * language: a same-language link is refused, since that is a new version or a duplicate, not a translation.
 */
@Singleton
class Translations {

    private static final String TARGET = "document";

    private final JdbcOperations jdbc;
    private final DocumentRepository documents;
    private final IndexQueue queue;
    private final AuditLog audit;

    Translations(JdbcOperations jdbc, DocumentRepository documents, IndexQueue queue, AuditLog audit) {
        this.jdbc = jdbc;
        this.documents = documents;
        this.queue = queue;
        this.audit = audit;
    }

    /**
     * The other language versions of the document's work that {@code viewer} may see, each as the newest version of
     * its work they may see, by language.
     */
    @ReadOnly
    List<TranslationRef> of(Document document, Viewer viewer) {
        Map<UUID, List<UUID>> versionsByWork = otherWorks(document.id());
        if (versionsByWork.isEmpty()) {
            return List.of();
        }
        Map<UUID, Document> byId = new HashMap<>();
        documents
                .findAll(versionsByWork.values().stream().flatMap(List::stream).toList())
                .forEach(found -> byId.put(found.id(), found));
        List<TranslationRef> shown = new ArrayList<>();
        for (List<UUID> versions : versionsByWork.values()) {
            versions.stream()
                    .map(byId::get)
                    .filter(version -> version != null && shows(version, viewer))
                    .max(Comparator.comparingInt(Document::version))
                    .filter(version -> version.metadata().language() != null)
                    .ifPresent(version -> shown.add(new TranslationRef(
                            version.id().toString(),
                            version.metadata().language(),
                            version.metadata().title())));
        }
        shown.sort(Comparator.comparing(TranslationRef::language));
        return shown;
    }

    /**
     * Links the works of the two documents as translations of one another (their sets merge); nothing changes when
     * they are linked already.
     *
     * @throws InvalidInputException for a document linked to itself (400)
     * @throws ActionForbiddenException when the viewer may not edit both (403)
     * @throws TranslationConflictException when languages or versions forbid the link (409)
     */
    @Transactional
    void link(Viewer viewer, UUID id, UUID otherId) {
        Pair pair = lockBoth(viewer, id, otherId);
        String language = languageOf(pair.document());
        String otherLanguage = languageOf(pair.other());
        if (language.equals(otherLanguage)) {
            throw new TranslationConflictException("Both documents are in \"" + language + "\": a translation is in"
                    + " another language. If " + otherId + " is a newer text of the same document, upload it as a new"
                    + " version (POST /api/documents/" + id
                    + "/versions); if its language is wrong, correct it first.");
        }
        Optional<UUID> set = setOf(pair.work());
        Optional<UUID> otherSet = setOf(pair.otherWork());
        if (set.isPresent() && set.equals(otherSet)) {
            return;
        }
        Map<UUID, String> languages = new LinkedHashMap<>();
        for (UUID work : membersOf(set, pair.work())) {
            languages.put(work, latestLanguage(work));
        }
        for (UUID work : membersOf(otherSet, pair.otherWork())) {
            String held = latestLanguage(work);
            languages.entrySet().stream()
                    .filter(entry ->
                            entry.getValue() != null && entry.getValue().equals(held))
                    .findFirst()
                    .ifPresent(entry -> {
                        throw new TranslationConflictException("The work already has a version in \"" + held
                                + "\" (document " + entry.getKey() + "): a work has one version per language. Unlink"
                                + " that one first (DELETE /api/documents/" + id + "/translations/" + entry.getKey()
                                + "), or upload this text as its new version.");
                    });
            languages.put(work, held);
        }
        UUID target = set.or(() -> otherSet).orElseGet(UUID::randomUUID);
        for (UUID work : languages.keySet()) {
            update("""
                    INSERT INTO work_translations (work_id, set_id, linked_by) VALUES (?, ?, ?)
                    ON CONFLICT (work_id) DO UPDATE SET set_id = EXCLUDED.set_id, linked_by = EXCLUDED.linked_by,
                                                        linked_at = now()
                     WHERE work_translations.set_id <> EXCLUDED.set_id
                    """, work, target, viewer.accountId());
        }
        reindex(languages.keySet());
        audit.record(
                viewer,
                "document.translation_link",
                TARGET,
                id.toString(),
                Map.of("translation", otherId.toString(), "language", language, "translationLanguage", otherLanguage));
    }

    /**
     * Takes the other document's work out of the document's translation set (and ends the set when one work is left).
     *
     * @throws TranslationConflictException when the two are not linked (409)
     */
    @Transactional
    void unlink(Viewer viewer, UUID id, UUID otherId) {
        Pair pair = lockBoth(viewer, id, otherId);
        Optional<UUID> set = setOf(pair.work());
        if (set.isEmpty() || !set.equals(setOf(pair.otherWork()))) {
            throw new TranslationConflictException("Documents " + id + " and " + otherId + " are not linked as"
                    + " translations; GET /api/documents/" + id + " lists its translations.");
        }
        List<UUID> members = membersOf(set, pair.work());
        update("DELETE FROM work_translations WHERE work_id = ?", pair.otherWork(), null, null);
        if (members.size() == 2) {
            update("DELETE FROM work_translations WHERE work_id = ?", pair.work(), null, null);
        }
        reindex(members);
        audit.record(
                viewer,
                "document.translation_unlink",
                TARGET,
                id.toString(),
                Map.of("translation", otherId.toString()));
    }

    /** The id of the first version of the document's chain of versions. */
    @ReadOnly
    UUID workOf(UUID documentId) {
        return query("SELECT document_work(?)", statement -> {
            statement.setObject(1, documentId);
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getObject(1, UUID.class);
        });
    }

    /** Locks both rows (in id order, so that two links of the same pair wait for each other) and checks the rules. */
    private Pair lockBoth(Viewer viewer, UUID id, UUID otherId) {
        if (id.equals(otherId)) {
            throw InvalidInputException.of(
                    "otherId",
                    "a document cannot be its own translation; give the id of its version in another language");
        }
        boolean ordered = id.compareTo(otherId) < 0;
        Document first = locked(ordered ? id : otherId);
        Document second = locked(ordered ? otherId : id);
        Document document = ordered ? first : second;
        Document other = ordered ? second : first;
        for (Document each : List.of(document, other)) {
            if (!each.isVisibleTo(viewer)) {
                throw Document.notFound(each.id());
            }
        }
        boolean curator = viewer.isAtLeast(Role.CURATOR);
        if (!curator && !(document.isOwnedBy(viewer) && other.isOwnedBy(viewer))) {
            throw new ActionForbiddenException("You may not link documents " + id + " and " + otherId + " as"
                    + " translations: only a curator, or the contributor who owns both, may; ask a curator.");
        }
        UUID work = workOf(id);
        UUID otherWork = workOf(otherId);
        if (work.equals(otherWork)) {
            throw new TranslationConflictException("Documents " + id + " and " + otherId + " are versions of the same"
                    + " work, not translations of it; link a document of the other language.");
        }
        return new Pair(document, other, work, otherWork);
    }

    private Document locked(UUID id) {
        return documents.lock(id).orElseThrow(() -> Document.notFound(id));
    }

    private static String languageOf(Document document) {
        String language = document.metadata().language();
        if (language == null) {
            throw new TranslationConflictException("Document " + document.id() + " has no language; set it first"
                    + " (PATCH /api/documents/" + document.id() + " with {\"language\": \"fr\"}), then link it.");
        }
        return language;
    }

    /** Only what a viewer may open: a withdrawn version is no one's translation but its owner's and curators'. */
    private static boolean shows(Document version, Viewer viewer) {
        return version.isVisibleTo(viewer)
                && (version.status() != DocumentStatus.WITHDRAWN || version.isFileServedTo(viewer));
    }

    private Optional<UUID> setOf(UUID work) {
        return query("SELECT set_id FROM work_translations WHERE work_id = ?", statement -> {
            statement.setObject(1, work);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(rows.getObject(1, UUID.class)) : Optional.<UUID>empty();
        });
    }

    /** The works of the set, or the work alone when it is in none. */
    private List<UUID> membersOf(Optional<UUID> set, UUID work) {
        if (set.isEmpty()) {
            return List.of(work);
        }
        return query("SELECT work_id FROM work_translations WHERE set_id = ? ORDER BY work_id", statement -> {
            statement.setObject(1, set.get());
            return ids(statement.executeQuery());
        });
    }

    /** The language of the newest version of the work, which is what the work is in now. */
    private String latestLanguage(UUID work) {
        return query("""
                SELECT d.language FROM work_versions(?) v JOIN documents d ON d.id = v.version_id
                 ORDER BY v.depth DESC LIMIT 1
                """, statement -> {
            statement.setObject(1, work);
            ResultSet rows = statement.executeQuery();
            return rows.next() ? rows.getString(1) : null;
        });
    }

    /** The versions of each other work in the document's translation set, by work. */
    private Map<UUID, List<UUID>> otherWorks(UUID documentId) {
        return query("""
                SELECT other.work_id, v.version_id
                  FROM work_translations mine
                  JOIN work_translations other ON other.set_id = mine.set_id AND other.work_id <> mine.work_id
                  CROSS JOIN LATERAL work_versions(other.work_id) v
                 WHERE mine.work_id = document_work(?)
                 ORDER BY other.work_id, v.depth
                """, statement -> {
            statement.setObject(1, documentId);
            ResultSet rows = statement.executeQuery();
            Map<UUID, List<UUID>> byWork = new LinkedHashMap<>();
            while (rows.next()) {
                byWork.computeIfAbsent(rows.getObject(1, UUID.class), work -> new ArrayList<>())
                        .add(rows.getObject(2, UUID.class));
            }
            return byWork;
        });
    }

    /** Every version of these works is indexed again: which set each is in is part of its search document. */
    private void reindex(Iterable<UUID> works) {
        for (UUID work : works) {
            List<UUID> versions = query("SELECT version_id FROM work_versions(?)", statement -> {
                statement.setObject(1, work);
                return ids(statement.executeQuery());
            });
            versions.forEach(queue::enqueueReindex);
        }
    }

    private void update(String sql, UUID first, UUID second, UUID third) {
        query(sql, statement -> {
            statement.setObject(1, first);
            if (second != null) {
                statement.setObject(2, second);
                statement.setObject(3, third);
            }
            return statement.executeUpdate();
        });
    }

    private static List<UUID> ids(ResultSet rows) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        while (rows.next()) {
            ids.add(rows.getObject(1, UUID.class));
        }
        return ids;
    }

    private <R> R query(String sql, Statement<R> body) {
        return jdbc.prepareStatement(sql, body::run);
    }

    @FunctionalInterface
    private interface Statement<R> {
        R run(PreparedStatement statement) throws SQLException;
    }

    private record Pair(Document document, Document other, UUID work, UUID otherWork) {}
}
