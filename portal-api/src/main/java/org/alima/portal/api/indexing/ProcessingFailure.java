package org.alima.portal.api.indexing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.Locale;

/**
 * Why a document's file could not be processed, as a stable code that clients turn into words in their reader's
 * language (the web app's messages hold one per code); the English reason recorded beside it is for API clients and
 * logs. The only list of these codes: the database column {@code document_files.failure_code} holds {@link #code()}
 * and the OpenAPI document names them from here. Parameters that some codes carry: {@code pages} (scanned pages) for
 * the OCR ones, {@code attempts} for {@link #UNFINISHED}.
 */
@Serdeable
public enum ProcessingFailure {
    /** The file needs an opening password: upload a copy without one. */
    @JsonProperty("encrypted")
    ENCRYPTED,
    /** The file is damaged or truncated beyond repair: export it again. */
    @JsonProperty("malformed")
    MALFORMED,
    /** The bytes are not of a format the portal reads. */
    @JsonProperty("unsupported-type")
    UNSUPPORTED_TYPE,
    /** The file holds no text at all. */
    @JsonProperty("empty")
    EMPTY,
    /** Reading the file took longer than the time limit. */
    @JsonProperty("timeout")
    TIMEOUT,
    /** The file exceeds a limit of extraction (size, memory). */
    @JsonProperty("too-large")
    TOO_LARGE,
    /** Its pages are scans without text and OCR is reading them now. */
    @JsonProperty("ocr-pending")
    OCR_PENDING,
    /** Its pages are scans and OCR found no text in them. */
    @JsonProperty("ocr-found-no-text")
    OCR_FOUND_NO_TEXT,
    /** Its pages are scans and this server has no Tesseract to read them. */
    @JsonProperty("ocr-not-installed")
    OCR_NOT_INSTALLED,
    /** Its pages are scans and OCR is turned off on this server. */
    @JsonProperty("ocr-turned-off")
    OCR_TURNED_OFF,
    /** The stored file could not be read, as many times as processing was tried. */
    @JsonProperty("file-unreadable")
    FILE_UNREADABLE,
    /** The stored file's bytes no longer match the upload (its SHA-256 differs). */
    @JsonProperty("file-changed")
    FILE_CHANGED,
    /** The index refused the document's metadata. */
    @JsonProperty("metadata-refused")
    METADATA_REFUSED,
    /** The search index could not be changed. */
    @JsonProperty("index-unwritable")
    INDEX_UNWRITABLE,
    /** Processing failed in a way the portal did not foresee. */
    @JsonProperty("unexpected")
    UNEXPECTED,
    /** Processing did not finish within its attempts (its process stopped each time). */
    @JsonProperty("unfinished")
    UNFINISHED;

    /**
     * The code as the API and the database write it: the name in lower case with hyphens. The {@code JsonProperty}
     * of each constant says the same for the OpenAPI document, which reads only annotations (a test holds them equal).
     */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The failure of this code; null for null or a code this release does not know (one a later release recorded
     * before a downgrade): no code, so that clients show the recorded words instead.
     */
    @JsonCreator
    public static ProcessingFailure of(String code) {
        return Arrays.stream(values())
                .filter(failure -> failure.code().equals(code))
                .findFirst()
                .orElse(null);
    }
}
