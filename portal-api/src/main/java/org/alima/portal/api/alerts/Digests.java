package org.alima.portal.api.alerts;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.accounts.AccountDirectory;
import org.alima.portal.api.landing.PublicDocument;
import org.alima.portal.api.landing.PublishedDocuments;
import org.alima.portal.api.search.SearchForFeeds;
import org.alima.portal.api.search.SearchUnavailableException;
import org.alima.portal.api.system.PortalException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the e-mail digests that are due: for each saved search whose time has come, the documents newly published
 * that its owner may see and that no earlier digest of it told of. Thread-safe, and safe across several portals on one
 * database: a due search is claimed with {@code FOR UPDATE SKIP LOCKED}, as index jobs are.
 *
 * <p>At most once per document and search: the documents a digest told of are recorded ({@code alert_deliveries}) in
 * the transaction that claimed the search, after the SMTP server accepted the message, and the search's next run is
 * moved on in the same transaction. A refused or failed send records nothing but the failure, and the digest is tried
 * again {@link #RETRY} later.
 *
 * <p>A crash after the SMTP server accepted a digest and before that transaction commits loses the record, and the next
 * run sends those documents again: in that window (milliseconds, the commit right after the server's answer) this
 * chooses a duplicate digest over a lost one. A digest missed is new evidence a practitioner never hears of, without
 * anyone knowing; a digest twice is visible, harmless, and carries the same Message-ID, by which mail systems may
 * drop the copy. Recording before sending would choose the other side: a crash or a failed send would then lose the
 * digest for good.
 *
 * <p>Visibility is decided at each run, as the owner is then: a disabled account gets nothing, the search runs with
 * the owner's current role (a role taken away takes its private collections and drafts with it), and only published,
 * latest versions are told of, never a draft, not even the owner's own.
 */
@Singleton
class Digests {

    private static final Logger LOG = LoggerFactory.getLogger(Digests.class);

    /** The newest matching documents a digest looks at: more than a week's publications on any one search. */
    static final int SCAN = 100;

    /** How long after a failed send (the SMTP server refused or was unreachable) the digest is tried again. */
    static final Duration RETRY = Duration.ofMinutes(30);

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final SavedSearches searches;
    private final AccountDirectory accounts;
    private final SearchForFeeds search;
    private final PublishedDocuments documents;
    private final Mailer mailer;
    private final String publicUrl;

    Digests(
            JdbcOperations jdbc,
            TransactionOperations<Connection> transactions,
            SavedSearches searches,
            AccountDirectory accounts,
            SearchForFeeds search,
            PublishedDocuments documents,
            Mailer mailer,
            @Value("${portal.public-url:}") String publicUrl) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.searches = searches;
        this.accounts = accounts;
        this.search = search;
        this.documents = documents;
        this.mailer = mailer;
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    /** What one claimed search came to. */
    enum Outcome {
        NONE_DUE,
        SENT,
        NOTHING_NEW,
        FAILED
    }

    /**
     * Runs every digest due at {@code asOf}, one search per transaction, until none is due; nothing without an SMTP
     * server.
     *
     * @return how many digests were sent
     */
    int runDue(Instant asOf) {
        if (!mailer.isConfigured()) {
            return 0;
        }
        int sent = 0;
        while (true) {
            Outcome outcome = transactions.executeWrite(status -> runOne(asOf));
            if (outcome == Outcome.NONE_DUE) {
                return sent;
            }
            if (outcome == Outcome.SENT) {
                sent++;
            }
        }
    }

    private Outcome runOne(Instant asOf) {
        Optional<SavedSearch> claimed = claim(asOf);
        if (claimed.isEmpty()) {
            return Outcome.NONE_DUE;
        }
        SavedSearch saved = claimed.get();
        Instant next = nextRun(saved, asOf);
        Optional<AccountDirectory.Addressee> owner = accounts.addressee(saved.accountId());
        if (owner.isEmpty()) {
            finish(saved, next, null);
            return Outcome.NOTHING_NEW;
        }
        List<PublicDocument> fresh;
        try {
            fresh = fresh(saved, owner.get().viewer());
        } catch (SearchUnavailableException e) {
            finish(saved, asOf.plus(RETRY), "The search index could not be read: " + e.getMessage());
            return Outcome.FAILED;
        } catch (PortalException e) {
            // The search refused the saved query (its syntax, or a limit that changed since): the owner must edit it.
            finish(saved, next, e.getMessage());
            return Outcome.FAILED;
        }
        if (fresh.isEmpty()) {
            finish(saved, next, null);
            return Outcome.NOTHING_NEW;
        }
        String base = publicUrl.isEmpty() ? saved.siteUrl() : publicUrl;
        DigestMail mail = DigestMail.of(saved, owner.get().displayName(), base, fresh);
        try {
            mailer.send(
                    owner.get().email(),
                    mail.subject(),
                    mail.text(),
                    messageId(saved, fresh),
                    DigestMail.manageUrl(base));
        } catch (MessagingException e) {
            LOG.warn(
                    "The digest of saved search {} could not be sent through {}; trying again in {}",
                    saved.id(),
                    mailer.host(),
                    RETRY,
                    e);
            finish(saved, asOf.plus(RETRY), "The mail server did not take the digest: " + e.getMessage());
            return Outcome.FAILED;
        }
        record(saved.id(), fresh);
        finish(saved, next, null);
        return Outcome.SENT;
    }

    /** The search due first at {@code asOf} that no other transaction holds, locked until this one ends. */
    private Optional<SavedSearch> claim(Instant asOf) {
        return jdbc.prepareStatement("""
                SELECT * FROM saved_searches
                 WHERE next_run_at <= ?
                 ORDER BY next_run_at, id
                 LIMIT 1
                   FOR UPDATE SKIP LOCKED
                """, statement -> {
            statement.setTimestamp(1, Timestamp.from(asOf));
            ResultSet rows = statement.executeQuery();
            return rows.next() ? Optional.of(searches.read(rows)) : Optional.empty();
        });
    }

    /**
     * The documents to tell of: those the owner finds now, published (latest versions only) since alerts were turned
     * on, and not told of before; newest first.
     */
    private List<PublicDocument> fresh(SavedSearch saved, Viewer owner) {
        List<UUID> found = search.newest(owner, saved.query(), saved.filters(), SCAN).stream()
                .map(UUID::fromString)
                .toList();
        if (found.isEmpty()) {
            return List.of();
        }
        Set<UUID> told = told(saved.id(), found);
        return documents.published(found).stream()
                .filter(d -> !d.isSuperseded())
                .filter(d -> d.publishedAt() != null && !d.publishedAt().isBefore(saved.alertsSince()))
                .filter(d -> !told.contains(d.id()))
                .toList();
    }

    private Set<UUID> told(UUID savedSearch, List<UUID> documents) {
        return jdbc.prepareStatement(
                "SELECT document_id FROM alert_deliveries WHERE saved_search_id = ? AND document_id = ANY (?)",
                statement -> {
                    statement.setObject(1, savedSearch);
                    statement.setArray(2, statement.getConnection().createArrayOf("uuid", documents.toArray()));
                    ResultSet rows = statement.executeQuery();
                    Set<UUID> ids = new HashSet<>();
                    while (rows.next()) {
                        ids.add(rows.getObject(1, UUID.class));
                    }
                    return ids;
                });
    }

    private void record(UUID savedSearch, List<PublicDocument> sent) {
        jdbc.prepareStatement("""
                INSERT INTO alert_deliveries (saved_search_id, document_id)
                SELECT ?, unnest(?) ON CONFLICT DO NOTHING
                """, statement -> {
            statement.setObject(1, savedSearch);
            statement.setArray(
                    2,
                    statement
                            .getConnection()
                            .createArrayOf(
                                    "uuid",
                                    sent.stream().map(PublicDocument::id).toArray()));
            return statement.executeUpdate();
        });
    }

    private void finish(SavedSearch saved, Instant next, String error) {
        jdbc.prepareStatement(
                "UPDATE saved_searches SET next_run_at = ?, last_run_at = now(), last_error = ? WHERE id = ?",
                statement -> {
                    statement.setTimestamp(1, Timestamp.from(next));
                    statement.setString(2, error);
                    statement.setObject(3, saved.id());
                    return statement.executeUpdate();
                });
    }

    /** The first time after {@code asOf} on the search's schedule: digests keep their time of day. */
    static Instant nextRun(SavedSearch saved, Instant asOf) {
        Duration period = saved.frequency().period();
        Instant next = saved.nextRunAt().plus(period);
        while (!next.isAfter(asOf)) {
            next = next.plus(period);
        }
        return next;
    }

    /** The same for the same search and documents, so that a digest sent again after a crash is recognisably one. */
    private String messageId(SavedSearch saved, List<PublicDocument> sent) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sent.stream()
                    .map(d -> d.id().toString())
                    .sorted()
                    .forEach(id -> sha.update(id.getBytes(StandardCharsets.US_ASCII)));
            String hash = HexFormat.of().formatHex(sha.digest()).substring(0, 24);
            return "<digest." + saved.id() + "." + hash + "@" + mailer.domain() + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
