package org.alima.portal.api.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.alima.portal.api.PortalTest;
import org.alima.portal.api.system.NodeName;
import org.junit.jupiter.api.Test;

/**
 * Imports sent through the API run on the node that received them: a node starting marks its own unfinished ones
 * interrupted (and those of a version that named no node), never those another node on the database is running.
 */
@MicronautTest(transactional = false)
class ImportNodesIT extends PortalTest {

    @Inject
    ImportJobs jobs;

    @Inject
    ImportRuns runs;

    @Inject
    NodeName node;

    @Test
    void aStartingNodeInterruptsItsOwnImportsOnlyAndThoseThatNamedNoNode() {
        UUID own = running(ImportJobs.KEY_PREFIX + node.value() + ":" + UUID.randomUUID());
        UUID others = running(ImportJobs.KEY_PREFIX + "0123456789abcdef:" + UUID.randomUUID());
        UUID unnamed = running(ImportJobs.KEY_PREFIX + UUID.randomUUID());

        jobs.onStartup(null);

        assertThat(runs.find(own).orElseThrow().state()).isEqualTo("interrupted");
        assertThat(runs.find(unnamed).orElseThrow().state()).isEqualTo("interrupted");
        assertThat(runs.find(others).orElseThrow().state()).isEqualTo("running");
    }

    private UUID running(String key) {
        UUID run = runs.findOrCreate(key, contributor.account().orElseThrow());
        runs.started(run, 1);
        return run;
    }
}
