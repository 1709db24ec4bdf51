package org.alima.portal.api.indexing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.system.AdminToken;
import org.alima.portal.indexer.engine.SearchEngine;
import org.alima.portal.indexer.index.IndexStats;

/**
 * The search index as operators see it: its statistics, and a rebuild from PostgreSQL and the stored files. Reads
 * only the index, so it answers while the database is down. Stateless and thread-safe.
 */
@Controller(IndexController.BASE)
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "index")
@ExecuteOn(TaskExecutors.BLOCKING)
class IndexController {

    static final String BASE = "/api/index";

    private final SearchEngine engine;
    private final IndexRepair repair;
    private final AdminToken adminToken;

    IndexController(SearchEngine engine, IndexRepair repair, AdminToken adminToken) {
        this.engine = engine;
        this.repair = repair;
        this.adminToken = adminToken;
    }

    /**
     * Documents and pages in the search index, its size, last commit, schema, and the latest rebuild; for curators and
     * administrators, since the counts include drafts that readers may not know of.
     */
    @Operation(summary = "Search index statistics")
    @Secured("curator")
    @Get
    IndexStatus status() {
        IndexStats stats = engine.stats();
        return new IndexStatus(
                stats.documents(),
                stats.pages(),
                stats.sizeOnDiskBytes(),
                stats.segments(),
                stats.lastCommit(),
                stats.schemaVersion(),
                engine.needsRebuild(),
                repair.rebuildState());
    }

    /**
     * Rebuilds the search index in the background from PostgreSQL and the stored files (every searchable document's
     * file is extracted again); searches go on against the current index until the new one is swapped in. Needs the
     * operator token ({@code PORTAL_ADMIN_TOKEN}) in {@code X-Portal-Admin-Token}, or an administrator's access token; 202, then follow it at
     * {@code /api/index}.
     */
    @Operation(summary = "Rebuild the search index (operator)")
    @Post("/rebuild")
    HttpResponse<IndexRepair.RebuildState> rebuild(@Header(AdminToken.HEADER) @Nullable String token, Viewer viewer) {
        if (!viewer.isAtLeast(Role.ADMIN)) {
            adminToken.check(token);
        }
        if (!repair.startRebuild("asked for by an operator")) {
            throw new RebuildRunningException();
        }
        return HttpResponse.accepted(URI.create(BASE)).body(repair.rebuildState());
    }

    /**
     * The search index now. Immutable.
     *
     * @param documents documents searches can find (at most half a second stale)
     * @param needsRebuild true when the index was built by an older schema and is being rebuilt
     * @param rebuild the latest rebuild, {@code never} when none ran since the portal started
     */
    @Serdeable
    record IndexStatus(
            long documents,
            long pages,
            long sizeOnDiskBytes,
            int segments,
            @Nullable Instant lastCommit,
            int schemaVersion,
            boolean needsRebuild,
            IndexRepair.RebuildState rebuild) {}
}
