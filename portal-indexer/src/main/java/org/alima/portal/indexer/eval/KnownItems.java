package org.alima.portal.indexer.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.alima.portal.indexer.search.PortalSearch;
import org.alima.portal.indexer.search.SearchRequest;
import org.alima.portal.indexer.search.SearchResponse.Hit;
import org.alima.portal.indexer.search.SearchResponse.PageHit;

/**
 * Known-item questions: each asked as a reader would, with the one document and the pages that answer it; scored as
 * the share of questions whose document is among the first hits, and whose answering page the hit shows first.
 * Immutable.
 *
 * <p>File format (UTF-8, tab-separated, "#" comments): the question, its language (ISO 639-1), the document's id in the
 * index (for files, the path relative to the indexed folder; several versions of one leaflet, any of which answers,
 * separated by "|"), and the answering pages separated by commas.
 */
public record KnownItems(List<KnownItems.Question> questions) {

    /** Hits a reader looks at: the first screen of a results page on a phone. */
    public static final int TOP = 3;

    /**
     * One question, immutable.
     *
     * @param documents ids of the documents that answer it (versions of one text), any of which counts
     */
    public record Question(String text, String language, Set<String> documents, Set<Integer> pages) {

        public Question {
            documents = Set.copyOf(documents);
            pages = Set.copyOf(pages);
        }
    }

    /**
     * Of {@code questions} questions, how many found their document in the first {@value #TOP} hits, and how many of
     * those showed an answering page as the hit's best page.
     */
    public record Score(int questions, int found, int rightPage, List<Question> missed) {

        public double foundRate() {
            return questions == 0 ? 0 : (double) found / questions;
        }

        public double rightPageRate() {
            return questions == 0 ? 0 : (double) rightPage / questions;
        }
    }

    public KnownItems {
        questions = List.copyOf(questions);
    }

    /**
     * Reads the known items of a tab-separated file.
     *
     * @throws IOException naming the line that is not a question, a language, a document and pages
     */
    public static KnownItems read(Path file) throws IOException {
        List<Question> questions = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                if (columns.length != 4) {
                    throw new IOException(file + ":" + number
                            + ": expected 4 tab-separated columns (question, language, document, pages), got "
                            + columns.length);
                }
                Set<Integer> pages = new TreeSet<>();
                for (String page : columns[3].split(",")) {
                    try {
                        pages.add(Integer.parseInt(page.strip()));
                    } catch (NumberFormatException e) {
                        throw new IOException(
                                file + ":" + number + ": pages must be numbers such as 7 or 7,8, got " + columns[3]);
                    }
                }
                Set<String> documents = new TreeSet<>();
                for (String document : columns[2].split("\\|")) {
                    documents.add(document.strip());
                }
                questions.add(new Question(columns[0].strip(), columns[1].strip(), documents, pages));
            }
        }
        return new KnownItems(questions);
    }

    /** Only the questions asked in {@code language}. */
    public KnownItems inLanguage(String language) {
        return new KnownItems(
                questions.stream().filter(q -> q.language().equals(language)).toList());
    }

    /** Asks every question of a reader who sees everything, in the question's language. */
    public Score score(PortalSearch search) {
        int found = 0;
        int rightPage = 0;
        List<Question> missed = new ArrayList<>();
        for (Question question : questions) {
            List<Hit> hits = search.search(SearchRequest.of(question.text())
                            .withSize(TOP)
                            .withPagesPerHit(1)
                            .withFacets(false)
                            .withReaderLanguage(question.language()))
                    .hits();
            Hit hit = hits.stream()
                    .filter(h -> question.documents().contains(h.id()))
                    .findFirst()
                    .orElse(null);
            if (hit == null) {
                missed.add(question);
                continue;
            }
            found++;
            List<PageHit> pages = hit.pages();
            if (!pages.isEmpty() && question.pages().contains(pages.getFirst().page())) {
                rightPage++;
            }
        }
        return new Score(questions.size(), found, rightPage, missed);
    }
}
