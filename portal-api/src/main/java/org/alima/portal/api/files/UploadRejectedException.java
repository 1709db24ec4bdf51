package org.alima.portal.api.files;

import org.alima.portal.api.system.PortalException;
import org.alima.portal.api.system.Problem;
import org.alima.portal.indexer.extract.FormatSniffer;

/** An uploaded file that the portal does not keep: empty, too large, or of a type it cannot read. */
public final class UploadRejectedException extends PortalException {

    private final int status;
    private final String code;
    private final String title;

    private UploadRejectedException(int status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    static UploadRejectedException empty() {
        return new UploadRejectedException(
                400, "empty-file", "Empty file", "The uploaded file has no bytes; choose the document's file again.");
    }

    static UploadRejectedException tooLarge(long limit) {
        return new UploadRejectedException(
                413,
                "file-too-large",
                "File too large",
                "The file is larger than the limit of " + limit + " bytes; upload a smaller or compressed version.");
    }

    /** The file's bytes are of no format the portal reads, as {@link FormatSniffer} says what they are. */
    static UploadRejectedException refused(FormatSniffer.Verdict.Refused verdict) {
        return new UploadRejectedException(
                415,
                "unsupported-media-type",
                "Unsupported file type",
                "The file's content is not PDF, DOCX, HTML, Markdown or UTF-8 text, whatever its name says (it is "
                        + verdict.detail() + "); convert it to PDF and upload again.");
    }

    static UploadRejectedException notUtf8() {
        return new UploadRejectedException(
                415,
                "unsupported-media-type",
                "Unsupported file type",
                "The file's content is not PDF, DOCX, HTML, Markdown or UTF-8 text, whatever its name says (it is"
                        + " text in another encoding, or holds NUL bytes); save it as UTF-8 or convert it to PDF and"
                        + " upload again.");
    }

    @Override
    public Problem problem() {
        return Problem.of(status, code, title, getMessage());
    }
}
