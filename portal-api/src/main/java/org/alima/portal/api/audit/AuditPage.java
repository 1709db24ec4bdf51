package org.alima.portal.api.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A page of the audit log, newest first.
 *
 * @param next the {@code before} that asks for the following (older) page, or null on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record AuditPage(List<AuditEvent> items, @Nullable String next) {}
