package org.alima.portal.api.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.collections.CollectionRef;
import org.alima.portal.api.indexing.OcrReading;
import org.alima.portal.api.indexing.ProcessingFailure;
import org.alima.portal.api.search.ReviewDue;

/**
 * A document as the API shows it to one viewer: its metadata, where it stands in the workflow, its versions, what the
 * viewer may do with it, and its stored file. Immutable.
 *
 * @param status draft, submitted, published or withdrawn
 * @param owner the account that uploaded it; null for documents uploaded before accounts existed
 * @param returnComment what the curator who returned it to its owner asked for; kept until it is published
 * @param withdrawnReason why it was withdrawn, when its status is {@code withdrawn}
 * @param version 1 for a first upload; a new version counts on from the one it supersedes
 * @param supersedes the id of the version this one replaces, or null
 * @param supersededBy the id of the nearest newer version that is published, or null
 * @param latestVersionId the id of the newest published version of its line; its own id when none is newer
 * @param publishedAt when it was last published, or null
 * @param actions what the viewer may do now, among edit, submit, publish, return, withdraw, delete, newVersion, retry
 * @param collections the collections holding it that the viewer may know of
 * @param file the stored file and its processing; null for a withdrawn document shown to a reader (only its page
 *     stays)
 * @param reviewOverdueSince for an operating procedure whose review is overdue ({@link ReviewDue}), the review-due
 *     date it passed (YYYY-MM-DD); null otherwise. Search hits carry the same field
 * @param doubts the values read from the file that the portal found doubtful (a title that is a file name, an author
 *     that looks like a user name...), until replaced or confirmed; shown only to those who may edit the document
 * @param designSuggestion the study design that the rules suggest from the file's text, with the cue that weighed
 *     most; shown only to those who may edit the document, to confirm it as {@code design} or choose another; null
 *     when the rules suggest none. It never changes {@code design} by itself
 * @param ocr when some pages' text was read by OCR from scans: how many, and Tesseract's mean confidence; null
 *     otherwise, and for a viewer who may not have the file
 * @param translations the other language versions of its work that the viewer may see (id, language, title), so
 *     that a reader can switch; empty when it has none
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DocumentResponse(
        String id,
        @JsonUnwrapped DocumentMetadata metadata,
        String status,
        @Nullable Owner owner,
        @Nullable String returnComment,
        @Nullable String withdrawnReason,
        int version,
        @Nullable String supersedes,
        @Nullable String supersededBy,
        String latestVersionId,
        @Nullable Instant publishedAt,
        Instant createdAt,
        Instant updatedAt,
        List<String> actions,
        List<CollectionRef> collections,
        @Nullable FileResponse file,
        @Nullable String reviewOverdueSince,
        List<MetadataDoubt> doubts,
        @Nullable DesignSuggestion designSuggestion,
        @Nullable OcrReading ocr,
        List<TranslationRef> translations) {

    /**
     * The document as {@code viewer} sees it; the caller has checked that they may see it at all.
     *
     * @param ocr what OCR read of its file, if anything
     * @param translations its other language versions that the viewer may see
     */
    static DocumentResponse of(
            Document document,
            Viewer viewer,
            List<CollectionRef> collections,
            @Nullable OcrReading ocr,
            List<TranslationRef> translations) {
        boolean served = document.isFileServedTo(viewer);
        List<Action> actions = List.copyOf(document.actionsOf(viewer));
        return new DocumentResponse(
                document.id().toString(),
                document.metadata(),
                document.status().value(),
                document.ownerId() == null ? null : new Owner(document.ownerId().toString(), document.ownerName()),
                document.returnComment(),
                document.withdrawnReason(),
                document.version(),
                text(document.supersedes()),
                text(document.supersededBy()),
                document.latestVersionId().toString(),
                document.publishedAt(),
                document.createdAt(),
                document.updatedAt(),
                actions.stream().map(Action::wireName).toList(),
                collections,
                served ? document.file() : null,
                overdueSince(document),
                actions.contains(Action.EDIT) ? document.doubts() : List.of(),
                actions.contains(Action.EDIT) ? document.designSuggestion() : null,
                served ? ocr : null,
                translations);
    }

    static @Nullable String overdueSince(Document document) {
        LocalDate since = ReviewDue.overdueSince(
                document.metadata().reviewDueLocalDate(),
                document.status() != DocumentStatus.WITHDRAWN && document.supersededBy() == null);
        return since == null ? null : since.toString();
    }

    private static String text(@Nullable UUID id) {
        return id == null ? null : id.toString();
    }

    /** Who a document belongs to. */
    @Serdeable
    record Owner(String id, String displayName) {}

    /**
     * The stored file and where its processing stands.
     *
     * @param imageOnlyPages pages that are scans without text, left out of search
     * @param textTruncated true when the text went past the extraction limit and its end is not searchable
     * @param extractionStatus queued, extracting, extracted (read and checked, not searchable: withdrawn), indexed
     *     (searchable by those who may see the document), failed
     * @param failureReason why processing failed, in English words meant for the uploader
     * @param failureCode why processing failed, as a stable code to show in the reader's language; null when it did
     *     not fail, or failed before codes were recorded in a way they could not be read back (show the words then)
     * @param failureParameters the numbers the failure carries, by name ({@code pages}, {@code attempts}); null
     *     (absent) for none
     */
    @Serdeable
    record FileResponse(
            String name,
            String mediaType,
            long sizeBytes,
            String sha256,
            @Nullable Integer pageCount,
            @Nullable Integer imageOnlyPages,
            boolean textTruncated,
            String extractionStatus,
            @Nullable String failureReason,
            @Nullable ProcessingFailure failureCode,
            @Nullable Map<String, Integer> failureParameters,
            String url) {}
}
