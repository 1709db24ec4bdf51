package org.alima.portal.api.oai;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.alima.portal.api.PortalTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * A harvester's view of a portal of a few hundred documents: a complete harvest, changes of every kind (publication,
 * edit, withdrawal, deletion, a collection's membership, documents that were never published), then an incremental
 * harvest from the first one's response date. What the two harvests hold together must be what the portal publishes
 * now, with every withdrawn and deleted document as a deleted record, and not one draft. Pages are small (37) so that
 * the lists cross many resumption tokens, and records change between pages of the first harvest.
 */
@MicronautTest
class OaiHarvestIT extends PortalTest {

    private static final String REPOSITORY = "oai:evidence-portal.localdomain:";
    private static final int DOCUMENTS = 300;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("portal.oai.page-size", "37");
        // Hundreds of uploads by one contributor in a minute: far beyond a person's limit, which RateLimitsIT checks.
        properties.put("portal.rate-limits.upload", "0/1m");
        return properties;
    }

    @Test
    void twoHarvestsHoldWhatIsPublishedWithDeletionsAsDeletedRecords() {
        Portal portal = Portal.of(anonymous);
        Harvester oai = new Harvester(server.getURI());
        String collection = portal.collection("public");
        List<String> published = new ArrayList<>();
        List<String> drafts = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            String type = i % 3 == 0 ? "protocol" : i % 3 == 1 ? "study" : "operating_procedure";
            if (i % 6 == 5) {
                drafts.add(portal.draft("Brouillon " + i, type));
            } else {
                published.add(portal.published("Document " + i, type));
            }
        }
        for (String id : published.subList(0, 40)) {
            portal.collect(collection, id);
        }

        // The first, complete harvest; while it runs, a record already sent changes and one not yet sent is deleted.
        Document identify = oai.get("verb", "Identify");
        String firstHarvest = Harvester.text(identify, "responseDate");
        String changedDuringHarvest = published.get(0);
        String deletedDuringHarvest = published.get(published.size() - 1);
        Map<String, Harvester.Header> first = new LinkedHashMap<>();
        Document page = oai.get("verb", "ListRecords", "metadataPrefix", "oai_dc");
        boolean changed = false;
        int pages = 0;
        while (true) {
            pages++;
            Harvester.headers(page).forEach(header -> first.put(header.identifier(), header));
            if (!changed) {
                portal.retitle(changedDuringHarvest, "Document 0, revised during the harvest");
                portal.delete(deletedDuringHarvest);
                changed = true;
            }
            String token = Harvester.text(page, "resumptionToken");
            if (token == null || token.isEmpty()) {
                break;
            }
            page = oai.get("verb", "ListRecords", "resumptionToken", token);
        }
        assertThat(pages).as("pages of 37 records").isGreaterThanOrEqualTo(published.size() / 37);
        assertThat(first.get(REPOSITORY + deletedDuringHarvest).deleted())
                .as("a record deleted during the harvest is found deleted by that same harvest")
                .isTrue();
        assertThat(idsOf(first, false)).containsAll(identifiers(without(published, deletedDuringHarvest)));
        assertThat(first.keySet()).doesNotContainAnyElementsOf(identifiers(drafts));

        // Changes of every kind between the two harvests.
        Set<String> changes = new HashSet<>();
        List<String> newlyPublished = drafts.subList(0, 10);
        newlyPublished.forEach(portal::publish);
        changes.addAll(newlyPublished);
        List<String> edited = published.subList(50, 60);
        edited.forEach(id -> portal.retitle(id, "Edited " + id));
        changes.addAll(edited);
        List<String> withdrawn = published.subList(60, 70);
        withdrawn.forEach(portal::withdraw);
        changes.addAll(withdrawn);
        List<String> deleted = published.subList(70, 80);
        deleted.forEach(portal::delete);
        changes.addAll(deleted);
        List<String> collected = published.subList(80, 85);
        collected.forEach(id -> portal.collect(collection, id));
        changes.addAll(collected);
        List<String> deletedDrafts = drafts.subList(10, 13);
        deletedDrafts.forEach(portal::delete);

        // The incremental harvest, from the first one's response date, as harvesters do.
        Map<String, Harvester.Header> second =
                oai.list("ListIdentifiers", "metadataPrefix", "mods", "from", firstHarvest);

        assertThat(second.keySet()).containsAll(identifiers(changes));
        assertThat(second.keySet())
                .as("documents untouched since the first harvest are not sent again")
                .doesNotContainAnyElementsOf(identifiers(published.subList(100, 200)));
        assertThat(second.keySet())
                .as("drafts, even deleted ones, never appear")
                .doesNotContainAnyElementsOf(identifiers(drafts.subList(10, drafts.size())));
        assertThat(idsOf(second, true)).containsAll(identifiers(withdrawn)).containsAll(identifiers(deleted));
        assertThat(second.values())
                .filteredOn(header -> collected.contains(local(header.identifier())))
                .allMatch(header -> header.sets().contains("collection_" + collection));

        Map<String, Harvester.Header> union = new LinkedHashMap<>(first);
        union.putAll(second);
        assertThat(idsOf(union, false))
                .as("what the harvester holds is what the portal publishes now")
                .containsExactlyInAnyOrderElementsOf(identifiers(inDatabase("""
                        SELECT id::text FROM documents WHERE status = 'published'""")));
        assertThat(idsOf(union, true))
                .as("and every withdrawn or deleted document it could have seen, as a deleted record")
                .containsExactlyInAnyOrderElementsOf(identifiers(inDatabase("""
                        SELECT id::text FROM documents WHERE status = 'withdrawn'
                        UNION SELECT document_id::text FROM document_tombstones""")));
    }

    private List<String> inDatabase(String sql) {
        return transactions.executeRead(status -> jdbc.prepareStatement(sql, statement -> {
            ResultSet rows = statement.executeQuery();
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }));
    }

    private static Set<String> idsOf(Map<String, Harvester.Header> harvest, boolean deleted) {
        return harvest.values().stream()
                .filter(header -> header.deleted() == deleted)
                .map(Harvester.Header::identifier)
                .collect(Collectors.toSet());
    }

    private static List<String> identifiers(java.util.Collection<String> ids) {
        return ids.stream().map(id -> REPOSITORY + id).toList();
    }

    private static List<String> without(List<String> ids, String left) {
        return ids.stream().filter(id -> !id.equals(left)).toList();
    }

    private static String local(String identifier) {
        return identifier.substring(REPOSITORY.length());
    }
}
