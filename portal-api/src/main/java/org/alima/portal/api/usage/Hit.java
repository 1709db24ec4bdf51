package org.alima.portal.api.usage;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/**
 * A request that may count, as it waits in memory to be counted: never written anywhere.
 *
 * @param client the salted hash of the client's address and agent ({@link ClientKeys})
 * @param userAgent the User-Agent header, cut to {@link RobotAgents#MAX_AGENT_LENGTH}; null when absent
 */
record Hit(
        UUID document,
        UsageKind kind,
        String client,
        @Nullable String userAgent,
        Instant at) {}
