package org.alima.portal.api.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The audit log, for administrators: who did what and when, newest first. */
@Controller("/api/admin/audit")
@Secured("admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "Administration")
class AuditController {

    private final AuditEvents events;

    AuditController(AuditEvents events) {
        this.events = events;
    }

    /**
     * One page of the log, newest first. {@code action}: an action ({@code account.role_change}) or a family
     * ({@code account}); {@code actor}: an account's id or email; {@code target}: the id of what was acted on;
     * {@code before}: the previous page's {@code next}; {@code size}: 1..100, default 50.
     */
    @Operation(summary = "The audit log")
    @Get
    AuditPage list(
            @Nullable @QueryValue String action,
            @Nullable @QueryValue String actor,
            @Nullable @QueryValue String target,
            @Nullable @QueryValue String before,
            @Nullable @QueryValue Integer size) {
        return events.page(AuditQuery.of(action, actor, target, before, size));
    }
}
