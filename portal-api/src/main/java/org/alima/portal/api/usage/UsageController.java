package org.alima.portal.api.usage;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionResponse;
import org.alima.portal.api.collections.Curation;
import org.alima.portal.api.collections.ItemResponse;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.NotFoundException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Usage counts over the API: a document's own (to whoever may read its page), the month's most read documents by
 * collection and the export per document and month (to curators and administrators). Stateless and thread-safe;
 * blocking work on the blocking executor.
 */
@Controller("/api")
@Tag(name = "usage")
@ExecuteOn(TaskExecutors.BLOCKING)
class UsageController {

    /** Documents listed in each group of the dashboard's report. */
    static final int LIMIT = 10;

    /** Months one export may span: ten years. */
    static final int MAX_MONTHS = 120;

    private static final Pattern MONTH = Pattern.compile("[0-9]{4}-[0-9]{2}");

    private final UsageCounts counts;
    private final UsageFigures figures;
    private final UsedDocuments documents;
    private final Curation collections;
    private final Clock clock = Clock.systemUTC();

    UsageController(UsageCounts counts, UsageFigures figures, UsedDocuments documents, Curation collections) {
        this.counts = counts;
        this.figures = figures;
        this.documents = documents;
        this.collections = collections;
    }

    @Operation(summary = "A document's views and downloads, this month and in all")
    @Get("/documents/{id}/usage")
    @Secured(SecurityRule.IS_ANONYMOUS)
    DocumentUsage document(@PathVariable UUID id, Viewer viewer) {
        if (!documents.isVisible(id, viewer)) {
            throw new NotFoundException("No document " + id + "; check the id, or sign in if it is yours");
        }
        return figures.of(id);
    }

    @Operation(summary = "The most read documents of a month, in all and by collection (curators)")
    @Get("/usage")
    @Secured("curator")
    UsageReport report(@QueryValue @Nullable String month, Viewer viewer) {
        YearMonth asked = month(month, "month", YearMonth.now(clock));
        Map<UUID, DocumentUsage.Figures> figures = counts.month(asked);
        Map<UUID, String> titles = documents.titles(figures.keySet());
        UsageReport.Group all = group(figures.keySet(), figures, titles);
        List<UsageReport.CollectionGroup> groups = new ArrayList<>();
        for (CollectionResponse listed : collections.list(viewer, false)) {
            CollectionResponse collection = collections.get(listed.slug(), viewer);
            Set<UUID> held = new LinkedHashSet<>();
            for (ItemResponse item : collection.items() == null ? List.<ItemResponse>of() : collection.items()) {
                UUID id = UUID.fromString(item.document().id());
                if (figures.containsKey(id)) {
                    held.add(id);
                }
            }
            if (!held.isEmpty()) {
                groups.add(new UsageReport.CollectionGroup(
                        collection.slug(), collection.title(), group(held, figures, titles)));
            }
        }
        groups.sort(Comparator.comparingLong(
                        (UsageReport.CollectionGroup g) -> g.usage().views())
                .thenComparingLong(g -> g.usage().downloads())
                .reversed());
        return new UsageReport(asked.toString(), all, groups);
    }

    @Operation(summary = "Views and downloads per document and month, as CSV (curators)")
    @Get(value = "/usage/export.csv", produces = "text/csv")
    @Secured("curator")
    HttpResponse<String> export(@QueryValue @Nullable String from, @QueryValue @Nullable String to) {
        YearMonth last = month(to, "to", YearMonth.now(clock));
        YearMonth first = month(from, "from", last.minusMonths(11));
        if (first.isAfter(last)) {
            throw InvalidInputException.of("from", "must be a month before or equal to 'to' (" + last + ")");
        }
        if (ChronoUnit.MONTHS.between(first, last) >= MAX_MONTHS) {
            throw InvalidInputException.of("from", "must be at most " + MAX_MONTHS + " months before 'to'");
        }
        List<UsageCounts.Line> lines = new ArrayList<>();
        counts.lines(first, last, lines::add);
        Map<UUID, String> titles =
                documents.titles(lines.stream().map(UsageCounts.Line::document).toList());
        StringWriter csv = new StringWriter();
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader("month", "document_id", "title", "views", "downloads")
                .get();
        try (CSVPrinter printer = new CSVPrinter(csv, format)) {
            for (UsageCounts.Line line : lines) {
                printer.printRecord(
                        line.month(),
                        line.document(),
                        titles.getOrDefault(line.document(), ""),
                        line.views(),
                        line.downloads());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write CSV to memory", e);
        }
        return HttpResponse.ok(csv.toString())
                .contentType(MediaType.of("text/csv; charset=utf-8"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"usage-" + first + "-to-" + last + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    private static UsageReport.Group group(
            Set<UUID> ids, Map<UUID, DocumentUsage.Figures> figures, Map<UUID, String> titles) {
        long views = 0;
        long downloads = 0;
        List<UsageReport.Line> lines = new ArrayList<>();
        for (UUID id : ids) {
            DocumentUsage.Figures f = figures.get(id);
            views += f.views();
            downloads += f.downloads();
            lines.add(new UsageReport.Line(
                    id.toString(), titles.getOrDefault(id, id.toString()), f.views(), f.downloads()));
        }
        lines.sort(Comparator.comparingLong(UsageReport.Line::views)
                .thenComparingLong(UsageReport.Line::downloads)
                .reversed()
                .thenComparing(UsageReport.Line::title));
        return new UsageReport.Group(views, downloads, lines.subList(0, Math.min(LIMIT, lines.size())));
    }

    private static YearMonth month(@Nullable String value, String field, YearMonth absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            if (MONTH.matcher(value.strip()).matches()) {
                return YearMonth.parse(value.strip());
            }
        } catch (DateTimeParseException e) {
            // Named below, with the form it must take.
        }
        throw InvalidInputException.of(field, "must be a month as YYYY-MM, such as 2026-03");
    }
}
