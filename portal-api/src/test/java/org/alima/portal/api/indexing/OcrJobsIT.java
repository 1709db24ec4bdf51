package org.alima.portal.api.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.system.NodeName;
import org.alima.portal.indexer.ocr.OcrPage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OCR queue shared by several nodes on one PostgreSQL: a running job is leased to its node, each page it stores
 * renews the lease, and a job whose node is gone is claimed again once the lease has passed. Other nodes are played by
 * rows claimed under another node name; the queue is the real one, in the test JVM's PostgreSQL.
 */
@MicronautTest
class OcrJobsIT extends PortalTest {

    private static final String OTHER_NODE = "0123456789abcdef";
    private static final String SHA256 = "0".repeat(64);

    @Inject
    OcrJobs jobs;

    @Inject
    OcrSettings settings;

    @Inject
    NodeName node;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    JdbcOperations jdbc;

    private UUID document;

    @BeforeEach
    void oneJobWaiting() {
        update("UPDATE ocr_jobs SET state = 'done' WHERE state IN ('pending', 'running')");
        document = UUID.fromString(api.uploadAccepted(
                "scan.txt",
                ("a scan " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8),
                "{\"title\": \"Scan\", \"type\": \"report\", \"language\": \"fr\"}"));
        boolean queued = transactions.executeWrite(status -> jobs.request(document, SHA256, List.of(1, 2), "fra"));
        assertThat(queued).isTrue();
    }

    @Test
    void aJobWhoseNodeIsGoneIsClaimedAgainOnceItsLeaseHasPassed() {
        update("UPDATE ocr_jobs SET state = 'running', claimed_by = '" + OTHER_NODE + "',"
                + " lease_until = now() + interval '10 minutes' WHERE document_id = '" + document + "'");
        assertThat(jobs.claimNext()).as("another node's job under a live lease").isEmpty();

        update("UPDATE ocr_jobs SET lease_until = now() - interval '1 second' WHERE document_id = '" + document + "'");
        assertThat(jobs.claimNext()).map(OcrJobs.Job::documentId).contains(document);

        assertThat(text("SELECT claimed_by FROM ocr_jobs WHERE document_id = '" + document + "'"))
                .isEqualTo(node.value());
        assertThat(leaseLeftSeconds())
                .isGreaterThan(OcrJobs.leaseOf(settings).minusMinutes(1).toSeconds());
    }

    @Test
    void eachPageStoredRenewsTheLeaseOfTheNodeHoldingTheJob() {
        assertThat(jobs.claimNext()).isPresent();
        update("UPDATE ocr_jobs SET lease_until = now() + interval '1 second' WHERE document_id = '" + document + "'");

        transactions.executeWrite(status -> {
            jobs.save(document, SHA256, new OcrPage(1, "Mbandaka", 91.0, null));
            return null;
        });

        assertThat(leaseLeftSeconds())
                .isGreaterThan(OcrJobs.leaseOf(settings).minusMinutes(1).toSeconds());
    }

    @Test
    void aNodeWhoseJobWasTakenNeitherRenewsNorLosesTheNewLease() {
        assertThat(jobs.claimNext()).isPresent();
        // Its lease passed while it was stalled, and another node took the job.
        update("UPDATE ocr_jobs SET claimed_by = '" + OTHER_NODE + "', lease_until = now() + interval '30 seconds'"
                + " WHERE document_id = '" + document + "'");

        transactions.executeWrite(status -> {
            jobs.save(document, SHA256, new OcrPage(1, "Mbandaka", 91.0, null));
            return null;
        });

        assertThat(leaseLeftSeconds())
                .as("the other node's lease, as it set it")
                .isBetween(20L, 30L);
        assertThat(text("SELECT count(*)::text FROM ocr_pages WHERE document_id = '" + document + "'"))
                .as("the page it read is kept: the other node goes on from it")
                .isEqualTo("1");
    }

    @Test
    void aStartingNodePutsBackItsOwnRunningJobsAndLeavesOtherNodesTheirs() {
        assertThat(jobs.claimNext()).isPresent();
        UUID theirs = UUID.fromString(api.uploadAccepted(
                "other.txt",
                ("another scan " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8),
                "{\"title\": \"Other\", \"type\": \"report\", \"language\": \"fr\"}"));
        transactions.executeWrite(status -> jobs.request(theirs, SHA256, List.of(1), "fra"));
        update("UPDATE ocr_jobs SET state = 'running', claimed_by = '" + OTHER_NODE + "',"
                + " lease_until = now() + interval '10 minutes' WHERE document_id = '" + theirs + "'");
        int putBack = transactions.executeWrite(status -> jobs.releaseOrphans());

        assertThat(putBack).isEqualTo(1);

        assertThat(text("SELECT state FROM ocr_jobs WHERE document_id = '" + document + "'"))
                .isEqualTo("pending");
        assertThat(text("SELECT state FROM ocr_jobs WHERE document_id = '" + theirs + "'"))
                .isEqualTo("running");
    }

    private long leaseLeftSeconds() {
        return Long.parseLong(text("SELECT floor(extract(epoch FROM lease_until - now()))::bigint::text FROM ocr_jobs"
                + " WHERE document_id = '" + document + "'"));
    }

    private void update(String sql) {
        transactions.executeWrite(status -> jdbc.prepareStatement(sql, statement -> statement.executeUpdate()));
    }

    private String text(String sql) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            ResultSet rows = statement.executeQuery();
            rows.next();
            return rows.getString(1);
        }));
    }
}
