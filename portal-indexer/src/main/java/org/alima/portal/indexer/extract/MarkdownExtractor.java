package org.alima.portal.indexer.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;
import org.jsoup.Jsoup;

/**
 * Extracts Markdown files with commonmark; thread-safe (the commonmark parser is immutable and shared).
 *
 * <p>As for HTML, a page is a section starting at a level-1 or level-2 heading, and text before the first one is page
 * 1. The text is what a reader sees: markup characters go, link and image texts stay, code stays verbatim, HTML blocks
 * give their text and inline tags are dropped. A YAML front-matter block at the top ({@code ---} ... {@code ---}) is
 * not text; its {@code title:} line, when present, is the title. Otherwise the title is the first level-1 heading, or
 * else the first line of text when it is short enough to be one.
 */
final class MarkdownExtractor {

    private static final Parser PARSER = Parser.builder().build();
    private static final Pattern FRONT_MATTER =
            Pattern.compile("\\A---[ \\t]*\\r?\\n(.*?)\\r?\\n(?:---|\\.\\.\\.)[ \\t]*(?:\\r?\\n|\\z)", Pattern.DOTALL);
    private static final Pattern FRONT_MATTER_TITLE = Pattern.compile("(?m)^title:[ \\t]*['\"]?(.*?)['\"]?[ \\t]*$");
    private static final int MAX_FIRST_LINE_TITLE = 150;

    private MarkdownExtractor() {}

    static ExtractionResult extract(Path file, PageAssembler pages, Deadline deadline) throws IOException {
        TextDecoder.Decoded decoded = TextDecoder.read(file, pages.maxCharacters() * 2);
        String source = decoded.text();
        MetadataBuilder metadata = new MetadataBuilder();
        Matcher front = FRONT_MATTER.matcher(source);
        if (front.find()) {
            Matcher title = FRONT_MATTER_TITLE.matcher(front.group(1));
            if (title.find()) {
                metadata.title(title.group(1));
            }
            source = source.substring(front.end());
        }
        Node document = PARSER.parse(source);
        deadline.check("Markdown parsing");
        TextVisitor visitor = new TextVisitor(new PageWriter(pages, deadline));
        document.accept(visitor);
        visitor.writer.finish();
        metadata.title(visitor.firstH1);
        metadata.title(firstShortLine(source));
        if (decoded.truncated()) {
            pages.markTruncated();
        }
        return pages.result(Format.MARKDOWN.mediaType(), metadata);
    }

    private static String firstShortLine(String source) {
        for (String line : source.split("\\R", 20)) {
            String t = line.replaceAll("^[#>*\\-\\s]+", "").strip();
            if (!t.isEmpty()) {
                return t.length() <= MAX_FIRST_LINE_TITLE ? t : null;
            }
        }
        return null;
    }

    /** Writes the visible text of a Markdown tree, starting a section at each level-1 or level-2 heading. */
    private static final class TextVisitor extends AbstractVisitor {
        private final PageWriter writer;
        private String firstH1;

        TextVisitor(PageWriter writer) {
            this.writer = writer;
        }

        @Override
        public void visit(Heading heading) {
            if (heading.getLevel() <= 2) {
                writer.breakPage();
            }
            if (heading.getLevel() == 1 && firstH1 == null) {
                firstH1 = plainText(heading);
            }
            writer.endLine();
            visitChildren(heading);
            writer.endLine();
        }

        @Override
        public void visit(Paragraph paragraph) {
            writer.endLine();
            visitChildren(paragraph);
            writer.endLine();
        }

        @Override
        public void visit(ListItem item) {
            writer.endLine();
            visitChildren(item);
            writer.endLine();
        }

        @Override
        public void visit(BlockQuote quote) {
            writer.endLine();
            visitChildren(quote);
            writer.endLine();
        }

        @Override
        public void visit(Text text) {
            writer.append(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            writer.append(code.getLiteral());
        }

        @Override
        public void visit(FencedCodeBlock block) {
            writer.endLine();
            writer.append(block.getLiteral());
            writer.endLine();
        }

        @Override
        public void visit(IndentedCodeBlock block) {
            writer.endLine();
            writer.append(block.getLiteral());
            writer.endLine();
        }

        @Override
        public void visit(HtmlBlock block) {
            writer.endLine();
            writer.append(Jsoup.parseBodyFragment(block.getLiteral()).text());
            writer.endLine();
        }

        @Override
        public void visit(HtmlInline inline) {
            // a tag such as <br> or <span>: markup, not text
        }

        @Override
        public void visit(SoftLineBreak lineBreak) {
            writer.append("\n");
        }

        @Override
        public void visit(HardLineBreak lineBreak) {
            writer.append("\n");
        }

        @Override
        public void visit(ThematicBreak thematicBreak) {
            writer.endLine();
        }

        @Override
        protected void visitChildren(Node parent) {
            if (!writer.stopped()) {
                super.visitChildren(parent);
            }
        }

        private static String plainText(Node node) {
            StringBuilder sb = new StringBuilder();
            node.accept(new AbstractVisitor() {
                @Override
                public void visit(Text text) {
                    sb.append(text.getLiteral());
                }

                @Override
                public void visit(Code code) {
                    sb.append(code.getLiteral());
                }
            });
            return sb.toString();
        }
    }
}
