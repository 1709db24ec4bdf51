package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.DrawObject;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.contentstream.operator.OperatorName;
import org.apache.pdfbox.contentstream.operator.OperatorProcessor;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/**
 * Reads the text of every page of one PDF in a single pass of PDFBox's text stripper, keeping page boundaries, noting
 * which pages draw images, and stopping at the deadline or the character cap. Not thread-safe: one instance per
 * document.
 *
 * <p>Why a subclass rather than one {@code getText} call per page with {@code setStartPage}/{@code setEndPage}: each
 * such call walks the page tree again and rebuilds the stripper's state, which costs more than the text of short
 * pages; hooking {@link #startPage} and {@link #endPage} costs nothing.
 *
 * <p>Reading order is the content stream's ({@code sortByPosition} off). Sorting by position reads straight across
 * the two columns of an article, interleaving their lines; the producers of two-column articles (LaTeX, InDesign,
 * Word) write each column whole, so stream order reads column by column. This was checked on the two-column articles
 * of the corpus, where sorted output mixes the columns line by line and stream order reads right.
 *
 * <p>A page whose content stream is damaged keeps whatever text came before the damage, and extraction goes on with
 * the next page: PDFBox clears its per-page state at the start of each page, so the next page is unaffected.
 */
final class PdfPageStripper extends PDFTextStripper {

    private static final int OPERATORS_BETWEEN_CHECKS = 1 << 10;

    private final Deadline deadline;
    private final long maxCharacters;
    private final int pageCount;
    private final String[] texts;
    private final boolean[] drawsImage;
    private final StringBuilder page = new StringBuilder();
    private long collected;
    private int operators;
    private boolean stoppedAtCap;
    private int damagedPages;
    private String firstDamage;
    private final FirstPageTitle firstPageTitle = new FirstPageTitle();

    PdfPageStripper(Deadline deadline, long maxCharacters, int pageCount) {
        this.deadline = deadline;
        this.maxCharacters = maxCharacters;
        this.pageCount = pageCount;
        this.texts = new String[pageCount];
        this.drawsImage = new boolean[pageCount];
        setSortByPosition(false);
        setLineSeparator("\n");
        setWordSeparator(" ");
        setPageStart("");
        setPageEnd("");
        addOperator(new ImageNotingDrawObject(this));
        addOperator(new InlineImageNoter(this));
    }

    /**
     * Reads all pages. Returns normally when done or when the character cap stopped it ({@link #stoppedAtCap()});
     * throws {@link ExtractionTimeoutException} at the deadline and {@link IOException} when the document itself (not
     * one page) cannot be read.
     */
    void read(PDDocument document) throws IOException {
        try {
            writeText(document, new PageWriterAdapter(page));
        } catch (CapReached reached) {
            int current = getCurrentPageNo();
            if (current >= 1 && current <= pageCount && texts[current - 1] == null) {
                texts[current - 1] = page.toString();
            }
            stoppedAtCap = true;
        }
    }

    /** The text of page {@code number} (1-based) as PDFBox gave it; empty for pages without content. */
    String text(int number) {
        String text = texts[number - 1];
        return text == null ? "" : text;
    }

    boolean drawsImage(int number) {
        return drawsImage[number - 1];
    }

    /**
     * How many pages to take, counting from page 1: all of them after a complete read, else up to the last page that
     * was read (when the cap or an error stopped reading).
     */
    int pagesRead(boolean complete) {
        if (complete && !stoppedAtCap) {
            return pageCount;
        }
        int last = 0;
        for (int i = 0; i < pageCount; i++) {
            if (texts[i] != null) {
                last = i + 1;
            }
        }
        return last;
    }

    boolean stoppedAtCap() {
        return stoppedAtCap;
    }

    int damagedPages() {
        return damagedPages;
    }

    /** The first damaged page's error, one line, or null. */
    String firstDamage() {
        return firstDamage;
    }

    @Override
    public void processPage(PDPage pdPage) throws IOException {
        try {
            super.processPage(pdPage);
        } catch (CapReached | ExtractionTimeoutException stop) {
            throw stop;
        } catch (IOException | RuntimeException damaged) {
            // PDFBox reports a broken content stream with IOException and, for some malformed operands, with
            // unchecked exceptions; either spoils this page only
            damagedPages++;
            if (firstDamage == null) {
                firstDamage = "page " + getCurrentPageNo() + ": " + FailureDetail.of(damaged);
            }
            salvage(pdPage);
        }
    }

    /** Writes what the damaged page gave before its error, then ends the page as usual. */
    private void salvage(PDPage pdPage) throws IOException {
        try {
            writePage();
        } catch (CapReached | ExtractionTimeoutException stop) {
            throw stop;
        } catch (IOException | RuntimeException unwritable) {
            // the partial page cannot even be laid out: keep the page empty
            page.setLength(0);
        }
        endPage(pdPage);
    }

    @Override
    protected void startPage(PDPage pdPage) throws IOException {
        deadline.check("page " + getCurrentPageNo() + " of " + pageCount);
        page.setLength(0);
        super.startPage(pdPage);
    }

    @Override
    protected void endPage(PDPage pdPage) throws IOException {
        super.endPage(pdPage);
        int number = getCurrentPageNo();
        if (number >= 1 && number <= pageCount) {
            texts[number - 1] = page.toString();
            collected += page.length();
        }
        page.setLength(0);
        if (collected >= maxCharacters) {
            throw new CapReached();
        }
    }

    /** The line set in the largest type on page 1, when it stands out from the body text; else null. */
    String firstPageTitle() {
        return firstPageTitle.title();
    }

    @Override
    protected void writeString(String text, List<TextPosition> textPositions) throws IOException {
        if (getCurrentPageNo() == 1) {
            firstPageTitle.add(text, textPositions);
        }
        super.writeString(text, textPositions);
        if (collected + page.length() >= maxCharacters) {
            throw new CapReached();
        }
    }

    @Override
    protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
        if (++operators % OPERATORS_BETWEEN_CHECKS == 0) {
            deadline.check("page " + getCurrentPageNo() + " of " + pageCount);
        }
        super.processOperator(operator, operands);
    }

    private void noteImage() {
        int number = getCurrentPageNo();
        if (number >= 1 && number <= pageCount) {
            drawsImage[number - 1] = true;
        }
    }

    /** Ends reading when the character cap is reached; never leaves {@link #read}. */
    private static final class CapReached extends RuntimeException {
        CapReached() {
            super("character cap reached", null, false, false);
        }
    }

    /** {@code Do}: notes image XObjects (which the text stripper skips undecoded) and draws forms as usual. */
    private static final class ImageNotingDrawObject extends DrawObject {
        private final PdfPageStripper stripper;

        ImageNotingDrawObject(PdfPageStripper stripper) {
            super(stripper);
            this.stripper = stripper;
        }

        @Override
        public void process(Operator operator, List<COSBase> operands) throws IOException {
            if (!operands.isEmpty()
                    && operands.get(0) instanceof COSName name
                    && getContext().getResources() != null
                    && getContext().getResources().isImageXObject(name)) {
                stripper.noteImage();
            }
            super.process(operator, operands);
        }
    }

    /** {@code BI}: an inline image, which the text stripper otherwise ignores. */
    private static final class InlineImageNoter extends OperatorProcessor {
        private final PdfPageStripper stripper;

        InlineImageNoter(PdfPageStripper stripper) {
            super(stripper);
            this.stripper = stripper;
        }

        @Override
        public void process(Operator operator, List<COSBase> operands) {
            stripper.noteImage();
        }

        @Override
        public String getName() {
            return OperatorName.BEGIN_INLINE_IMAGE;
        }
    }

    /** The stripper's output: appends to the current page's buffer without the locking of a StringWriter. */
    private static final class PageWriterAdapter extends Writer {
        private final StringBuilder target;

        PageWriterAdapter(StringBuilder target) {
            this.target = target;
        }

        @Override
        public void write(char[] chars, int offset, int length) {
            target.append(chars, offset, length);
        }

        @Override
        public void write(String s, int offset, int length) {
            target.append(s, offset, offset + length);
        }

        @Override
        public void write(int c) {
            target.append((char) c);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
