package org.alima.portal.indexer.ocr;

import java.util.List;

/**
 * The text Tesseract read in one image, with its mean word confidence. Immutable.
 *
 * @param text the words in reading order, a line per line and a blank line between paragraphs
 * @param meanConfidence the mean of the words' confidences (0 to 100), or null when no word was read
 * @param words how many words were read
 */
public record OcrText(String text, Double meanConfidence, int words) {

    /**
     * Parses Tesseract's TSV output: one row per block, paragraph, line and word (level 5, with a confidence and the
     * word's text).
     */
    static OcrText fromTsv(List<String> rows) {
        StringBuilder text = new StringBuilder();
        double confidence = 0;
        int words = 0;
        String lastParagraph = null;
        String lastLine = null;
        for (String row : rows) {
            String[] cells = row.split("\t", -1);
            if (cells.length < 12 || !cells[0].equals("5")) {
                continue;
            }
            String word = cells[11].strip();
            double wordConfidence;
            try {
                wordConfidence = Double.parseDouble(cells[10]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (word.isEmpty() || wordConfidence < 0) {
                continue;
            }
            String paragraph = cells[1] + "." + cells[2] + "." + cells[3];
            String line = paragraph + "." + cells[4];
            if (lastLine != null) {
                text.append(!paragraph.equals(lastParagraph) ? "\n\n" : !line.equals(lastLine) ? "\n" : " ");
            }
            text.append(word);
            lastParagraph = paragraph;
            lastLine = line;
            confidence += wordConfidence;
            words++;
        }
        return new OcrText(text.toString(), words == 0 ? null : confidence / words, words);
    }
}
