package org.alima.portal.api.indexing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;

/** OCR as curators follow it: whether this server has it, and the documents it read with a low confidence. */
@Controller("/api/ocr")
@Secured("curator")
@Tag(name = "index")
@ExecuteOn(TaskExecutors.BLOCKING)
class OcrController {

    /** The most documents the low-confidence list shows. */
    static final int LIST_SIZE = 50;

    private final OcrEngine engine;
    private final OcrJobs jobs;
    private final IndexJobs documents;

    OcrController(OcrEngine engine, OcrJobs jobs, IndexJobs documents) {
        this.engine = engine;
        this.jobs = jobs;
        this.documents = documents;
    }

    /**
     * Whether scanned pages are read on this server, and the documents whose pages OCR read with a mean confidence
     * below the server's threshold ({@code portal.ocr.low-confidence}), lowest first: their text, and so their search
     * hits, are likely to have errors worth a look (a better scan, or a file with text).
     */
    @Operation(summary = "OCR on this server, and documents read with a low confidence (curators)")
    @Get
    OcrOverview overview() {
        List<LowConfidenceDocument> low = jobs.lowConfidence(engine.settings().lowConfidence(), LIST_SIZE).stream()
                .map(found -> new LowConfidenceDocument(
                        found.documentId(),
                        documents
                                .load(found.documentId(), false)
                                .map(document -> document.metadata().title())
                                .orElse(null),
                        found.pages(),
                        found.meanConfidence()))
                .toList();
        return new OcrOverview(
                engine.available(),
                engine.available() ? null : engine.unavailable(),
                engine.settings().lowConfidence(),
                low);
    }

    /**
     * @param available whether this server reads scanned pages
     * @param unavailableReason why not, when it does not
     * @param threshold the mean confidence below which a document is listed
     */
    @Serdeable
    record OcrOverview(
            boolean available,
            @Nullable String unavailableReason,
            double threshold,
            List<LowConfidenceDocument> lowConfidence) {}

    /** A document OCR read with a low mean confidence. */
    @Serdeable
    record LowConfidenceDocument(UUID id, @Nullable String title, int pages, double meanConfidence) {}
}
