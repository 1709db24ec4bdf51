package org.alima.portal.api.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.alima.portal.api.Api;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.TestAccounts;
import org.alima.portal.api.documents.TestDocuments;
import org.alima.portal.api.files.FileStore;
import org.alima.portal.api.system.NodeName;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The worker driven one job at a time: the application's own worker is left out of this context, so that each test
 * decides when a job is claimed, and with which processor (the real one, which extracts and indexes, unless a test
 * says otherwise).
 */
@MicronautTest(transactional = false)
@Property(name = "portal.indexing.enabled", value = "false")
class IndexingWorkerIT extends PortalTest {

    /** What publishing needs, given at upload: these tests run the worker themselves, so the file fills nothing first. */
    private static final String DESCRIBED = "{\"title\": \"Notes\", \"type\": \"report\", \"language\": \"en\"}";

    private static final Duration FIRST_RETRY = Duration.ofMillis(300);

    @Inject
    IndexJobs jobs;

    @Inject
    DocumentProcessor indexer;

    @Inject
    IndexQueue queue;

    @Inject
    DocumentLocks locks;

    @Inject
    SearchIndex index;

    @Inject
    NodeName node;

    @Inject
    SearchEngine engine;

    @Inject
    FileStore files;

    @Inject
    CollectionMemberships collections;

    @Inject
    IndexingMetrics metrics;

    @Inject
    OcrJobs ocrJobs;

    @Inject
    OcrEngine ocrEngine;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    JdbcOperations jdbc;

    @BeforeEach
    @Transactional
    void setAsideJobsOfOtherTests() {
        jdbc.prepareStatement(
                "UPDATE index_jobs SET state = 'done' WHERE state IN ('pending', 'running')",
                statement -> statement.executeUpdate());
    }

    @Test
    void retriesAFailingDocumentWithGrowingDelaysThenSetsItAsideAsFailed() {
        String id = uploadText();
        IndexingWorker worker = worker(failing(document -> true));

        assertThat(worker.runOnce()).isTrue();
        JsonNode afterFirst = status(id);
        assertThat(afterFirst.get("jobState").asText()).isEqualTo("pending");
        assertThat(afterFirst.get("status").asText()).isEqualTo("queued");
        assertThat(afterFirst.get("attempts").asInt()).isEqualTo(1);
        assertThat(afterFirst.get("lastError").asText()).contains("tried again");
        assertThat(worker.runOnce()).as("not due before its backoff").isFalse();

        Api.sleep(FIRST_RETRY.toMillis() + 100);
        assertThat(worker.runOnce()).isTrue();
        assertThat(status(id).get("attempts").asInt()).isEqualTo(2);
        Api.sleep(FIRST_RETRY.toMillis() + 100);
        assertThat(worker.runOnce()).as("the second delay is twice the first").isFalse();

        Api.sleep(FIRST_RETRY.toMillis() + 100);
        assertThat(worker.runOnce()).isTrue();
        JsonNode last = status(id);
        assertThat(last.get("jobState").asText()).isEqualTo("failed");
        assertThat(last.get("status").asText()).isEqualTo("failed");
        assertThat(last.get("attempts").asInt()).isEqualTo(3);
        assertThat(last.get("failureReason").asText()).isNotBlank();
        assertThat(worker.runOnce()).as("a failed job is set aside").isFalse();
    }

    @Test
    void processesOtherDocumentsWhileOneWaitsForItsRetry() {
        String failing = uploadText();
        String healthy = uploadText();
        IndexingWorker worker =
                worker(failing(document -> document.documentId().toString().equals(failing)));

        assertThat(worker.runOnce()).isTrue();
        assertThat(worker.runOnce()).isTrue();

        assertThat(status(failing).get("jobState").asText()).isEqualTo("pending");
        JsonNode done = status(healthy);
        assertThat(done.get("jobState").asText()).isEqualTo("done");
        assertThat(done.get("status").asText()).isEqualTo("indexed");
    }

    @Test
    void reclaimsAJobWhoseWorkerDiedOnceItsLeaseHasPassed() {
        String id = uploadText();
        // A worker claims the job, then its process dies: nobody reports back.
        assertThat(jobs.claimNext(Duration.ofMillis(300))).isPresent();
        assertThat(status(id).get("status").asText()).isEqualTo("extracting");
        IndexingWorker survivor = worker(indexer);

        assertThat(survivor.runOnce()).as("still leased").isFalse();
        Api.sleep(400);
        assertThat(survivor.runOnce()).isTrue();

        JsonNode status = status(id);
        assertThat(status.get("jobState").asText()).isEqualTo("done");
        assertThat(status.get("status").asText()).isEqualTo("indexed");
        assertThat(status.get("attempts").asInt()).isEqualTo(2);
    }

    /**
     * An edit while the document's ingest runs (on this node or another sharing the database) queues a reindex, which
     * no worker anywhere claims before the ingest has finished or its lease has passed.
     */
    @Test
    void runsTheJobsOfOneDocumentOneAtATime() {
        String id = uploadText();
        IndexJobs.ClaimedJob ingest = jobs.claimNext(Duration.ofMinutes(10)).orElseThrow();
        transactions.executeWrite(status -> {
            queue.enqueueReindex(UUID.fromString(id));
            return null;
        });

        assertThat(jobs.claimNext(Duration.ofMinutes(10)))
                .as("the reindex waits for the ingest")
                .isEmpty();

        StoredDocument document = jobs.load(ingest.documentId(), true).orElseThrow();
        jobs.succeed(ingest, (ProcessingOutcome.Processed) indexer.process(document), document);
        IndexJobs.ClaimedJob reindex = jobs.claimNext(Duration.ofMinutes(10)).orElseThrow();
        assertThat(reindex.documentId()).isEqualTo(ingest.documentId());
        assertThat(reindex.kind()).isEqualTo(JobKind.REINDEX);
    }

    /**
     * Several nodes share the database: a node starting again puts back the jobs it left running itself, and leaves
     * those another node is working on leased to it.
     */
    @Test
    void aStartingNodePutsBackOnlyTheJobsItLeftRunning() {
        String mine = uploadText();
        String theirs = uploadText();
        claimFor(mine, node.value());
        claimFor(theirs, "0123456789abcdef");

        assertThat(jobs.releaseOrphans()).isPositive();

        assertThat(dueNow(mine)).as("this node's interrupted job").isTrue();
        assertThat(dueNow(theirs))
                .as("the other node's job, still leased to it")
                .isFalse();
    }

    private void claimFor(String documentId, String nodeName) {
        transactions.executeWrite(status -> jdbc.prepareStatement(
                "UPDATE index_jobs SET state = 'running', claimed_by = ?,"
                        + " next_attempt_at = now() + interval '10 minutes' WHERE document_id = ?",
                statement -> {
                    statement.setString(1, nodeName);
                    statement.setObject(2, UUID.fromString(documentId));
                    return statement.executeUpdate();
                }));
    }

    private boolean dueNow(String documentId) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT next_attempt_at <= now() FROM index_jobs WHERE document_id = ?", statement -> {
                    statement.setObject(1, UUID.fromString(documentId));
                    ResultSet rows = statement.executeQuery();
                    rows.next();
                    return rows.getBoolean(1);
                }));
    }

    @Test
    void ignoresTheLateReportOfAWorkerWhoseJobWasReclaimed() {
        String id = uploadText();
        IndexJobs.ClaimedJob slow = jobs.claimNext(Duration.ofMillis(100)).orElseThrow();
        Api.sleep(200);
        IndexJobs.ClaimedJob reclaimed = jobs.claimNext(Duration.ofMinutes(1)).orElseThrow();
        assertThat(reclaimed.id()).isEqualTo(slow.id());

        jobs.fail(
                slow,
                new ProcessingOutcome.Failed(ProcessingFailure.UNEXPECTED, "late failure of the first worker", true),
                true,
                null);

        assertThat(status(id).get("jobState").asText()).isEqualTo("running");
        StoredDocument document = jobs.load(reclaimed.documentId(), true).orElseThrow();
        jobs.succeed(reclaimed, (ProcessingOutcome.Processed) indexer.process(document), document);
        assertThat(status(id).get("status").asText()).isEqualTo("indexed");
    }

    @Test
    void neverHandsTheSameJobToTwoClaims() {
        uploadText();
        uploadText();

        IndexJobs.ClaimedJob first = jobs.claimNext(Duration.ofMinutes(1)).orElseThrow();
        IndexJobs.ClaimedJob second = jobs.claimNext(Duration.ofMinutes(1)).orElseThrow();

        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(jobs.claimNext(Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void fillsTheFieldsLeftEmptyFromThePdfsDocumentInformation() {
        String id = api.uploadAccepted("article.pdf", Api.uniquePdf("data-in-brief-2019-page.pdf"), null);

        assertThat(worker(indexer).runOnce()).isTrue();

        JsonNode document = Api.read(api.get("/api/documents/" + id));
        assertThat(document.get("title").asText())
                .isEqualTo("Data on environmental sustainable corrosion inhibitor for stainless steel in aggressive"
                        + " environment");
        assertThat(document.at("/authors/0/name").asText()).isEqualTo("Omotayo Sanni");
        assertThat(document.get("topics").toString())
                .isEqualTo("[\"Corrosion\",\"Stainless steel\",\"Inhibitor\",\"Sulphuric acid\"]");
        assertThat(document.at("/file/pageCount").asInt()).isEqualTo(1);
    }

    @Test
    void keepsWhatTheUploaderWroteOverWhatThePdfSays() {
        String id = api.uploadAccepted(
                "article.pdf",
                Api.uniquePdf("data-in-brief-2019-page.pdf"),
                "{\"title\": \"Corrosion inhibitors\", \"authors\": [{\"name\": \"Sanni, O.\"}], \"topics\": []}");

        assertThat(worker(indexer).runOnce()).isTrue();

        JsonNode document = Api.read(api.get("/api/documents/" + id));
        assertThat(document.get("title").asText()).isEqualTo("Corrosion inhibitors");
        assertThat(document.at("/authors/0/name").asText()).isEqualTo("Sanni, O.");
        assertThat(document.get("authors")).hasSize(1);
    }

    @Test
    void triesADocumentThatTimedOutThreeTimesAtMostThenFailsIt() {
        String id = uploadText();
        DocumentProcessor impatient = new DocumentIndexer(
                files,
                new DocumentExtractor(new ExtractionLimits(Duration.ofNanos(1), 1_000_000, 1 << 20, 1 << 20)),
                index,
                collections,
                metrics,
                ocrJobs,
                ocrEngine,
                java.util.Optional.empty());
        IndexingWorker worker = worker(impatient, 5, Duration.ofMillis(20));

        for (int attempt = 1; attempt <= 3; attempt++) {
            Api.sleep(attempt == 1 ? 0 : 150); // past the retry delays of 20 ms, then 40 ms
            assertThat(worker.runOnce()).as("attempt " + attempt).isTrue();
        }

        JsonNode status = status(id);
        assertThat(status.get("status").asText()).isEqualTo("failed");
        assertThat(status.get("failureReason").asText()).contains("time limit");
        assertThat(status.get("attempts").asInt()).as("below max-attempts (5)").isEqualTo(3);
        assertThat(worker.runOnce()).isFalse();
    }

    @Test
    void indexesTheLatestMetadataOfEditsMadeWhileAJobWaits() {
        String id = uploadText();
        IndexingWorker worker = worker(indexer);
        assertThat(worker.runOnce()).isTrue();
        String first = Api.uniqueWord();
        String second = Api.uniqueWord();

        api.json("PATCH", "/api/documents/" + id, "{\"title\": \"Draft " + first + "\"}");
        api.json("PATCH", "/api/documents/" + id, "{\"title\": \"Final " + second + "\"}");

        assertThat(pendingJobs(id)).as("the second edit joins the waiting job").isEqualTo(1);
        assertThat(worker.runOnce()).isTrue();
        assertThat(api.finds(second, id)).isTrue();
        assertThat(api.finds(first, id)).isFalse();
        assertThat(status(id).get("status").asText()).isEqualTo("indexed");
    }

    @Test
    void keepsWorkersFromTheJobAChangeJoinsUntilTheChangeCommits() throws Exception {
        String id = uploadText();

        Optional<IndexJobs.ClaimedJob> claimedMeanwhile = transactions.executeWrite(status -> {
            // A change (an edit, a publication) that finds the upload's job waiting and lets it index its result.
            queue.enqueueReindex(UUID.fromString(id));
            try {
                return CompletableFuture.supplyAsync(() -> jobs.claimNext(Duration.ofMinutes(1)))
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(claimedMeanwhile)
                .as("claimed before the change committed, the job would index the document as it was")
                .isEmpty();
        assertThat(pendingJobs(id)).as("the change joined the waiting job").isEqualTo(1);
        assertThat(jobs.claimNext(Duration.ofMinutes(1))).isPresent();
    }

    @Test
    void queuesNothingForAnEditThatSearchDoesNotShow() {
        String id = uploadText();
        assertThat(worker(indexer).runOnce()).isTrue();

        api.json("PATCH", "/api/documents/" + id, "{\"license\": \"CC BY 4.0\"}");

        assertThat(pendingJobs(id)).isZero();
    }

    @Test
    void takesOutOfSearchADocumentDeletedWhileItWasBeingIndexed() {
        String word = Api.uniqueWord();
        String id = api.uploadAccepted("notes.txt", ("notes " + word).getBytes(StandardCharsets.UTF_8), null);
        IndexJobs.ClaimedJob claimed = jobs.claimNext(Duration.ofMinutes(1)).orElseThrow();
        StoredDocument document = jobs.load(claimed.documentId(), true).orElseThrow();
        ProcessingOutcome outcome = indexer.process(document);
        assertThat(api.finds(word, id)).as("indexed, not yet recorded").isTrue();

        assertThat(api.delete("/api/documents/" + id).statusCode()).isEqualTo(204);
        jobs.succeed(claimed, (ProcessingOutcome.Processed) outcome, document);
        assertThat(worker(indexer).runOnce())
                .as("the unindex job queued by the deletion")
                .isTrue();

        assertThat(api.finds(word, id)).isFalse();
    }

    @Test
    void keepsOutOfSearchADocumentWithdrawnBeforeItsFileWasProcessed() {
        String word = Api.uniqueWord();
        String id = api.uploadAccepted("notes.txt", ("notes " + word).getBytes(StandardCharsets.UTF_8), DESCRIBED);
        TestDocuments.publish(admin(), id);
        TestDocuments.transition(api, id, "withdraw", "{\"reason\": \"uploaded by mistake\"}");
        IndexingWorker worker = worker(indexer);

        assertThat(worker.runOnce()).isTrue();
        assertThat(worker.runOnce()).isTrue();

        JsonNode status = status(id);
        assertThat(status.get("status").asText()).isEqualTo("extracted");
        assertThat(status.get("pageCount").asInt()).isEqualTo(1);
        assertThat(api.finds(word, id)).isFalse();
    }

    @Test
    void indexesADraftForItsOwnerAndAPublishedDocumentForEveryone() {
        String id = uploadText();
        String owner = Api.read(api.get("/api/account")).get("id").asText();

        StoredDocument draft = jobs.load(UUID.fromString(id), true).orElseThrow();
        TestDocuments.publish(admin(), id);
        StoredDocument published = jobs.load(UUID.fromString(id), false).orElseThrow();

        assertThat(draft.audiences()).containsExactly("account:" + owner);
        assertThat(published.audiences()).containsExactlyInAnyOrder(Audiences.PUBLIC, "account:" + owner);
        assertThat(published.superseded()).isFalse();
    }

    @Test
    void reindexesTheOlderVersionWhenANewerOneIsPublishedThenWithdrawn() {
        Api admin = admin();
        String first = uploadText();
        TestDocuments.publish(admin, first);
        IndexingWorker worker = worker(indexer);
        runAll(worker);
        HttpResponse<String> created = api.upload(
                "/api/documents/" + first + "/versions",
                new Api.Multipart().file("v2.txt", ("v2 " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
        String second = Api.read(created).get("id").asText();
        runAll(worker);
        assertThat(pendingJobs(first)).as("a draft supersedes nothing yet").isZero();

        TestDocuments.publish(admin, second);

        assertThat(pendingJobs(first)).isEqualTo(1);
        assertThat(jobs.load(UUID.fromString(first), false).orElseThrow().superseded())
                .isTrue();
        runAll(worker);
        TestDocuments.transition(admin, second, "withdraw", "{\"reason\": \"wrong file\"}");
        assertThat(pendingJobs(first)).isEqualTo(1);
        assertThat(jobs.load(UUID.fromString(first), false).orElseThrow().superseded())
                .isFalse();
    }

    @Test
    void retriesAFailedFileAsAnIngestUntilOneHasSucceeded() {
        String id = api.uploadAccepted("scan.pdf", org.alima.portal.api.TestPdfs.pages(true), null);
        IndexingWorker worker = worker(indexer);
        runAll(worker);
        assertThat(status(id).get("status").asText()).isEqualTo("failed");

        TestDocuments.transition(api, id, "retry", "");

        JsonNode queued = status(id);
        assertThat(queued.get("status").asText()).isEqualTo("queued");
        assertThat(queued.hasNonNull("failureReason")).isFalse();
        assertThat(pendingJobs(id)).isEqualTo(1);
        assertThat(kindOfPendingJob(id)).isEqualTo("ingest");
        runAll(worker);
        assertThat(status(id).get("failureReason").asText()).contains("OCR");
    }

    private void runAll(IndexingWorker worker) {
        for (int i = 0; i < 100 && worker.runOnce(); i++) {
            // until no job is due
        }
    }

    private Api admin() {
        return anonymous.as(TestAccounts.admin(anonymous));
    }

    private String kindOfPendingJob(String id) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT kind FROM index_jobs WHERE document_id = ?::uuid AND state = 'pending'", statement -> {
                    statement.setString(1, id);
                    ResultSet rows = statement.executeQuery();
                    rows.next();
                    return rows.getString(1);
                }));
    }

    private int pendingJobs(String id) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "SELECT count(*) FROM index_jobs WHERE document_id = ?::uuid AND state = 'pending'", statement -> {
                    statement.setString(1, id);
                    ResultSet rows = statement.executeQuery();
                    rows.next();
                    return rows.getInt(1);
                }));
    }

    private IndexingWorker worker(DocumentProcessor processor, int maxAttempts, Duration firstRetry) {
        return new IndexingWorker(
                jobs,
                processor,
                locks,
                engine,
                new IndexingSettings(1, maxAttempts, firstRetry, Duration.ofMinutes(1), Duration.ofMillis(50)),
                metrics);
    }

    private IndexingWorker worker(DocumentProcessor processor) {
        return new IndexingWorker(
                jobs,
                processor,
                locks,
                engine,
                new IndexingSettings(1, 3, FIRST_RETRY, Duration.ofMinutes(1), Duration.ofMillis(50)),
                metrics);
    }

    /** The real processor, except that it crashes on the documents {@code crashesOn} picks. */
    private DocumentProcessor failing(Predicate<StoredDocument> crashesOn) {
        return new DocumentProcessor() {
            @Override
            public ProcessingOutcome process(StoredDocument document) {
                if (crashesOn.test(document)) {
                    throw new IllegalStateException("simulated crash of the extractor");
                }
                return indexer.process(document);
            }

            @Override
            public void remove(UUID documentId) {
                indexer.remove(documentId);
            }
        };
    }

    private String uploadText() {
        return api.uploadAccepted(
                "notes.txt", ("notes " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8), DESCRIBED);
    }

    private JsonNode status(String id) {
        return Api.read(api.get("/api/documents/" + id + "/status"));
    }
}
