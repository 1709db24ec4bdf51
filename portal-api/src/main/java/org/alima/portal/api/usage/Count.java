package org.alima.portal.api.usage;

import java.time.YearMonth;
import java.util.UUID;

/** One counter of {@code usage_counts}: a document's views or downloads in a month (UTC). */
record Count(UUID document, YearMonth month, UsageKind kind) {}
