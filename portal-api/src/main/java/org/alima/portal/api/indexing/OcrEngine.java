package org.alima.portal.api.indexing;

import io.micronaut.context.annotation.Context;
import java.util.Optional;
import org.alima.portal.indexer.ocr.ScannedPages;
import org.alima.portal.indexer.ocr.Tesseract;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this server can read scanned pages: Tesseract is looked for once, at startup, and the answer is logged once
 * (with what to install when it is missing). Immutable after construction.
 */
@Context
public class OcrEngine {

    private static final Logger LOG = LoggerFactory.getLogger(OcrEngine.class);

    /** The status a document needing OCR shows when this server has no Tesseract. */
    static final String NOT_INSTALLED = "needs OCR; OCR is not installed on this server";

    /** The status a document needing OCR shows when OCR is turned off on this server. */
    static final String TURNED_OFF = "needs OCR; OCR is turned off on this server";

    private final Optional<ScannedPages> reader;
    private final OcrSettings settings;

    OcrEngine(OcrSettings settings) {
        this.settings = settings;
        if (!settings.enabled()) {
            LOG.info("OCR is off (portal.ocr.enabled=false): scanned pages stay unsearchable");
            reader = Optional.empty();
            return;
        }
        StringBuilder why = new StringBuilder();
        Optional<Tesseract> tesseract = Tesseract.find(settings.command(), settings.memory(), why);
        tesseract.ifPresentOrElse(
                found -> LOG.info("OCR: {} reads scanned pages with {} worker(s)", found, settings.workers()),
                () -> LOG.warn(
                        "OCR is not installed on this server ({}): scanned pages stay unsearchable until Tesseract"
                                + " is installed (Debian: apt-get install tesseract-ocr tesseract-ocr-fra"
                                + " tesseract-ocr-eng) and the portal restarted",
                        why));
        reader = tesseract.map(found -> new ScannedPages(found, settings.pageTimeout(), settings.documentTimeout()));
    }

    /** The reader of scanned pages, or empty when this server has no OCR. */
    Optional<ScannedPages> reader() {
        return reader;
    }

    /** Why a document that needs OCR is not read on this server (when {@link #available()} is false). */
    String unavailable() {
        return settings.enabled() ? NOT_INSTALLED : TURNED_OFF;
    }

    /** Whether this server reads scanned pages. */
    public boolean available() {
        return reader.isPresent();
    }

    OcrSettings settings() {
        return settings;
    }
}
