package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.audit.AuditLog;
import org.alima.portal.api.files.FileStore;
import org.alima.portal.api.files.SafeFileName;
import org.alima.portal.api.indexing.IndexQueue;

/**
 * Every change to a document, from upload to deletion, each in one transaction with its audit record and the index
 * jobs it calls for, and the files these changes receive, store and remove; thread-safe.
 *
 * <p>Each change locks the document's row, asks the {@link Document} whether the viewer may make it now (404 when
 * they may not see the document, 403 when the change is not theirs, 409 when its status does not allow it), makes it,
 * and queues what search needs: the document's audiences change when it is published, and its older versions become
 * superseded (or current again) when a newer one is published (or withdrawn, or deleted). Submitting and returning
 * change neither, and queue nothing.
 */
@Singleton
class DocumentWorkflow {

    private static final String TARGET = "document";

    private final DocumentRepository documents;
    private final FileStore files;
    private final IndexQueue queue;
    private final AuditLog audit;
    private final TransactionOperations<Connection> transactions;

    DocumentWorkflow(
            DocumentRepository documents,
            FileStore files,
            IndexQueue queue,
            AuditLog audit,
            TransactionOperations<Connection> transactions) {
        this.documents = documents;
        this.files = files;
        this.queue = queue;
        this.audit = audit;
        this.transactions = transactions;
    }

    /**
     * Receives an upload and records it: a draft of the uploader, whose file is queued for processing.
     *
     * @param fileName the name the uploader gave the file, made safe here
     * @throws DuplicateFileException when a document already holds the same bytes
     */
    UUID upload(Viewer viewer, DocumentMetadata metadata, InputStream content, String fileName) throws IOException {
        return receive(content, fileName, viewer, (file, name) -> recordDraft(viewer, metadata, file, name));
    }

    /**
     * Receives a file of a bulk import and records it in one transaction: uploaded as {@link #upload} does, moved on
     * to {@code status} by the same steps as {@link #submit} and {@link #publish} (with their permission and metadata
     * checks), and {@code alsoRecord} run with the new document's id, so that the importer's own record commits with
     * the document or not at all.
     *
     * @throws DuplicateFileException when a document already holds the same bytes
     */
    UUID importFile(
            Viewer viewer,
            DocumentMetadata metadata,
            InputStream content,
            String fileName,
            DocumentStatus status,
            Consumer<UUID> alsoRecord)
            throws IOException {
        return receive(content, fileName, viewer, (file, name) -> {
            UUID id = recordDraft(viewer, metadata, file, name);
            if (status == DocumentStatus.SUBMITTED) {
                submit(viewer, id);
            } else if (status == DocumentStatus.PUBLISHED) {
                publish(viewer, id);
            }
            alsoRecord.accept(id);
            return id;
        });
    }

    /**
     * Receives a new version of a published (or withdrawn) document and records it: a draft of the uploader that
     * supersedes it once published, with the old version's metadata where {@code given} leaves a field out.
     *
     * @throws DuplicateFileException when a document already holds the same bytes
     */
    UUID newVersion(Viewer viewer, UUID id, DocumentMetadata given, InputStream content, String fileName)
            throws IOException {
        // Checked before the file is received, so that a refusal costs no disk; checked again under the row's lock.
        documents.find(id).orElseThrow(() -> Document.notFound(id)).require(viewer, Action.NEW_VERSION);
        return receive(content, fileName, viewer, (file, name) -> {
            Document old = locked(id);
            old.require(viewer, Action.NEW_VERSION);
            DocumentMetadata metadata = old.metadata().patchedBy(given);
            metadata.checkDates();
            UUID created = documents.create(metadata, id, owner(viewer));
            documents.addFile(created, file, name, files.store(file));
            queue.enqueueIngest(created);
            audit.record(viewer, "document.new_version", TARGET, created.toString(), uploadDetail(file, name, old));
            return created;
        });
    }

    /** Changes the metadata with {@code change}, applied to the current metadata under the row's lock. */
    @Transactional
    Document edit(Viewer viewer, UUID id, UnaryOperator<DocumentMetadata> change) {
        Document current = locked(id);
        current.require(viewer, Action.EDIT);
        DocumentMetadata changed = change.apply(current.metadata());
        changed.checkDates();
        documents.updateMetadata(id, changed, viewer);
        if (!changed.showsInSearchAs(current.metadata())) {
            queue.enqueueReindex(id);
        }
        audit.record(
                viewer,
                "document.edit",
                TARGET,
                id.toString(),
                Map.of("fields", changed.changedFrom(current.metadata())));
        return reread(id);
    }

    /** draft → submitted: the owner hands the document to the curators. */
    @Transactional
    Document submit(Viewer viewer, UUID id) {
        Document current = locked(id);
        current.require(viewer, Action.SUBMIT);
        current.metadata().checkSubmittable();
        documents.moveTo(id, DocumentStatus.SUBMITTED, null, viewer);
        audit.record(viewer, "document.submit", TARGET, id.toString(), Map.of());
        return reread(id);
    }

    /** draft or submitted → published: everyone may find it; the versions it supersedes leave default search. */
    @Transactional
    Document publish(Viewer viewer, UUID id) {
        Document current = locked(id);
        current.require(viewer, Action.PUBLISH);
        current.metadata().checkPublishable();
        documents.publish(id, viewer);
        queue.enqueueReindex(id);
        queue.enqueueReindexOfOlderVersions(id);
        audit.record(
                viewer,
                "document.publish",
                TARGET,
                id.toString(),
                Map.of("from", current.status().value()));
        return reread(id);
    }

    /** submitted → draft, with what the curator asks the owner to change. */
    @Transactional
    Document returnToOwner(Viewer viewer, UUID id, String comment) {
        locked(id).require(viewer, Action.RETURN);
        documents.moveTo(id, DocumentStatus.DRAFT, comment, viewer);
        audit.record(viewer, "document.return", TARGET, id.toString(), Map.of("comment", comment));
        return reread(id);
    }

    /** published → withdrawn: its page stays with the reason; search drops it, and its older version may return. */
    @Transactional
    Document withdraw(Viewer viewer, UUID id, String reason) {
        locked(id).require(viewer, Action.WITHDRAW);
        documents.withdraw(id, reason, viewer);
        queue.enqueueUnindex(id);
        queue.enqueueReindexOfOlderVersions(id);
        audit.record(viewer, "document.withdraw", TARGET, id.toString(), Map.of("reason", reason));
        return reread(id);
    }

    /**
     * Confirms the values of {@code field} that were read from the file and found doubtful ({@link MetadataDoubt}):
     * whoever may edit the document keeps them as they are.
     */
    @Transactional
    Document confirmDoubts(Viewer viewer, UUID id, String field) {
        locked(id).require(viewer, Action.EDIT);
        documents.confirmDoubts(id, field);
        audit.record(viewer, "document.confirm", TARGET, id.toString(), Map.of("field", field));
        return reread(id);
    }

    /** Queues the failed processing of the document's file again. */
    @Transactional
    Document retry(Viewer viewer, UUID id) {
        // Jobs before the document's row, in the worker's order, so that the two cannot deadlock.
        queue.lockJobsOf(id);
        Document current = locked(id);
        current.require(viewer, Action.RETRY);
        queue.enqueueRetry(id);
        audit.record(
                viewer,
                "document.retry",
                TARGET,
                id.toString(),
                Map.of("failureReason", String.valueOf(current.file().failureReason())));
        return reread(id);
    }

    /**
     * Deletes the document and its rows for good, replacing its jobs by one that takes it out of search; its stored
     * files are removed once this has committed (and kept should it roll back).
     */
    @Transactional
    void delete(Viewer viewer, UUID id) {
        // Jobs before the document's row, in the worker's order, so that the two cannot deadlock.
        queue.lockJobsOf(id);
        Document current = locked(id);
        current.require(viewer, Action.DELETE);
        if (current.status() == DocumentStatus.PUBLISHED) {
            // Its older versions are no longer superseded by it; the chain is read before the row goes.
            queue.enqueueReindexOfOlderVersions(id);
        }
        List<String> paths = documents.delete(id);
        queue.replaceJobsWithUnindex(id);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("status", current.status().value());
        detail.put("title", current.metadata().title());
        detail.put("owner", current.ownerId() == null ? null : current.ownerId().toString());
        audit.record(viewer, "document.delete", TARGET, id.toString(), detail);
        afterCommit(() -> paths.forEach(files::delete));
    }

    /**
     * Receives {@code content} to disk (outside any transaction: a large file holds no connection while it is
     * copied), then runs {@code record} in one transaction, which moves the file into place before it commits; the
     * received copy is discarded either way.
     *
     * @throws DuplicateFileException when a document already holds the same bytes, found before the transaction or
     *     by the database's UNIQUE constraint when two uploads of the same bytes race
     */
    private UUID receive(InputStream content, String fileName, Viewer viewer, Recorder record) throws IOException {
        SafeFileName name = SafeFileName.of(fileName);
        FileStore.IncomingFile incoming = files.receive(content, name);
        try {
            Optional<DocumentRepository.Holder> existing = documents.findBySha256(incoming.sha256(), viewer);
            if (existing.isPresent()) {
                throw DuplicateFileException.of(existing.get());
            }
            return transactions.executeWrite(status -> record.record(incoming, name));
        } catch (Constraints.SameBytesStoredException raced) {
            throw DuplicateFileException.of(documents
                    .findBySha256(incoming.sha256(), viewer)
                    .orElseThrow(() -> new IllegalStateException("a duplicate vanished", raced)));
        } finally {
            files.discard(incoming);
        }
    }

    /** Records a received file as a new draft of {@code viewer}'s, queued for processing: an upload's one rule. */
    private UUID recordDraft(Viewer viewer, DocumentMetadata metadata, FileStore.IncomingFile file, SafeFileName name) {
        metadata.checkDates();
        UUID id = documents.create(metadata, null, owner(viewer));
        documents.addFile(id, file, name, files.store(file));
        queue.enqueueIngest(id);
        audit.record(viewer, "document.upload", TARGET, id.toString(), uploadDetail(file, name, null));
        return id;
    }

    @FunctionalInterface
    private interface Recorder {
        UUID record(FileStore.IncomingFile file, SafeFileName name);
    }

    /** Runs {@code change} once the current transaction has committed, and never if it rolls back. */
    private void afterCommit(Runnable change) {
        transactions
                .findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("a change to a document runs in a transaction"))
                .registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        change.run();
                    }
                });
    }

    /**
     * The document, locked until the transaction ends, as it stands once every change that held the lock before has
     * committed: read again by a statement after the lock, since the locking statement's own snapshot may predate
     * them (a newer version created meanwhile, for instance).
     */
    private Document locked(UUID id) {
        if (documents.lock(id).isEmpty()) {
            throw Document.notFound(id);
        }
        return reread(id);
    }

    private Document reread(UUID id) {
        return documents.find(id).orElseThrow(() -> new IllegalStateException("document " + id + " vanished"));
    }

    private static UUID owner(Viewer viewer) {
        return viewer.account()
                .orElseThrow(() -> new IllegalStateException("an anonymous request reached an upload; it is secured"));
    }

    private static Map<String, Object> uploadDetail(
            FileStore.IncomingFile file, SafeFileName name, @Nullable Document supersedes) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("file", name.value());
        detail.put("sha256", file.sha256());
        detail.put("sizeBytes", file.size());
        if (supersedes != null) {
            detail.put("supersedes", supersedes.id().toString());
            detail.put("version", supersedes.version() + 1);
        }
        return detail;
    }
}
