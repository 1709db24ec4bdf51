package org.alima.portal.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.alima.portal.indexer.crosslang.QueryTranslator;
import org.alima.portal.indexer.extract.DocumentExtractor;
import org.alima.portal.indexer.extract.ExtractionLimits;
import org.alima.portal.indexer.extract.ExtractionResult;
import org.alima.portal.indexer.extract.Page;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.search.SearchSettings;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The "same stems" promise: OpenSearch's analysers, built by {@link IndexDefinition} from portal-indexer's constants,
 * cut and stem text token for token (term, position and offsets) as the embedded index's Lucene analysers do, on
 * words of the shared corpus in both languages and on the tricky cases (accents, elisions, hyphens, numbers).
 */
@ExtendWith(OpenSearchNode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalysisParityIT {

    /** Words taken from each corpus file, from its first pages. */
    private static final int WORDS_PER_FILE = 150;

    private static final List<String> FRENCH = List.of(
            "articles-fr/entites-nommees-geographiques-rnn.pdf",
            "public-health-fr/fiche-covid19-aeration-chauffage-2021-07.pdf",
            "public-health-fr/guide-covid-salarie-2021-02-03.pdf");

    private static final List<String> ENGLISH = List.of(
            "articles-medical/clinsci-2014-ace-inhibitors.pdf",
            "articles-medical/jrsoc-interface-2013-mosquito-borne-models-review.pdf",
            "articles-medical/bmc-jtraumamanag-2010-dvt-prophylaxis.pdf");

    private static final String TRICKY = String.join(
            " ",
            "L'hôpital d'Abidjan qu'on jusqu'à lorsqu'il puisqu'elle quoiqu'on s'est c'était n'a j'ai m'a t'a",
            "L’ÉCOLE D’ÉTÉ QU’IL l’Organisation mondiale de la santé",
            "réanimation Réanimation REANIMATION reanimation éèêëàâäîïôöùûüç œuvre Œdème cœur æther straße Øresund",
            "HIV/AIDS VIH/SIDA Covid-19 COVID‑19 SARS-CoV-2 anti-inflammatoires post-partum e-mail",
            "1,5 3.14 2020-2021 10% 25 mg/kg 1er 2e IIIe 0,05 p<0.05 n=123 ±2 95 %",
            "pas de fièvre sans traitement se eu es as avait ont été était étaient",
            "children's mothers' running studies hospitalised hospitalized vaccinations vaccins vaccinés",
            "N'Diaye D'Alessandro O'Brien Aïcha Nguyễn Ibáñez Müller-Lüdenscheidt",
            "the of and in à au aux chez ceci cela ici lors dont ainsi",
            "https://doi.org/10.1000/xyz www.who.int user@example.org #hashtag @mention",
            "naïve naïveté façade garçon Noël Zoë coopération coöperation",
            "𝐁𝐨𝐥𝐝 ﬁnancement ﬂuide ½ ² ³ µg °C");

    private OpenSearchEngine engine;
    private Cluster cluster;
    private String index;

    @BeforeAll
    void open(OpenSearchNode.Running node) {
        OpenSearchSettings settings =
                OpenSearchSettings.of(node.url()).withIndexPrefix("analysis-" + UUID.randomUUID());
        engine = OpenSearchEngine.open(settings, SearchSettings.defaults(), QueryTranslator.off());
        cluster = engine.cluster();
        index = engine.liveIndex();
    }

    @AfterAll
    void close() {
        engine.close();
    }

    @Test
    void portalTextCutsAndStemsTrickyWordsAsTextAnalyzer() {
        assertSameTokens(IndexDefinition.TEXT_ANALYZER, IndexSchema.TITLE, TRICKY);
    }

    @Test
    void portalTextCutsAndStemsFrenchCorpusWordsAsTextAnalyzer() {
        for (String text : corpusWords(FRENCH)) {
            assertSameTokens(IndexDefinition.TEXT_ANALYZER, IndexSchema.BODY, text);
        }
    }

    @Test
    void portalTextCutsAndStemsEnglishCorpusWordsAsTextAnalyzer() {
        for (String text : corpusWords(ENGLISH)) {
            assertSameTokens(IndexDefinition.TEXT_ANALYZER, IndexSchema.BODY, text);
        }
    }

    @Test
    void portalNameReadsNamesAsNameAnalyzer() {
        assertSameTokens(IndexDefinition.NAME_ANALYZER, IndexSchema.AUTHORS, TRICKY);
    }

    @Test
    void portalSpellingKeepsAccentedWordsAsSpellingAnalyzer() {
        assertSameTokens(IndexDefinition.SPELLING_ANALYZER, IndexSchema.SPELLING, TRICKY);
        for (String text : corpusWords(FRENCH)) {
            assertSameTokens(IndexDefinition.SPELLING_ANALYZER, IndexSchema.SPELLING, text);
        }
    }

    @Test
    void portalCompletionIndexesPrefixesAsCompletionAnalyzer() {
        assertSameTokens(IndexDefinition.COMPLETION_ANALYZER, IndexSchema.TITLE_PREFIXES, TRICKY);
    }

    @Test
    void portalCompletionQueryCutsTypedWordsAsCompletionAnalyzer() {
        String typed = TRICKY + " antiinflammatoiresnonstéroïdiens Réanimatio l'hôp";
        List<String> expected = lucene(IndexSchema.completionQueryAnalyzer(), IndexSchema.TITLE_PREFIXES, typed);
        assertThat(openSearch(IndexDefinition.COMPLETION_QUERY_ANALYZER, typed))
                .as("portal_completion_query vs CompletionAnalyzer.forQuerying()")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void comparisonFailsOnADifferentChain() {
        // The check can fail: the built-in french analyser stems otherwise than the portal's chain.
        List<String> expected = lucene(IndexSchema.analyzer(), IndexSchema.TITLE, TRICKY);
        assertThat(openSearch("french", TRICKY)).isNotEqualTo(expected);
    }

    private void assertSameTokens(String analyzer, String field, String text) {
        List<String> expected = lucene(IndexSchema.analyzer(), field, text);
        List<String> actual = openSearch(analyzer, text);
        assertThat(actual)
                .as("%s on OpenSearch vs IndexSchema.analyzer() for %s, on: %s", analyzer, field, text)
                .containsExactlyElementsOf(expected);
        assertThat(expected).isNotEmpty();
    }

    /** Tokens as "position term start-end", sorted within a position (stacked stems come in any order). */
    private static List<String> lucene(Analyzer analyzer, String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(token(position, term.toString(), offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sorted(tokens);
    }

    private List<String> openSearch(String analyzer, String text) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("analyzer", analyzer);
        request.put("text", text);
        JsonNode answer = cluster.send("POST", "/" + index + "/_analyze", request, Cluster.Kind.READ)
                .body();
        List<String> tokens = new ArrayList<>();
        for (JsonNode token : answer.path("tokens")) {
            tokens.add(token(
                    token.path("position").asInt(),
                    token.path("token").asText(),
                    token.path("start_offset").asInt(),
                    token.path("end_offset").asInt()));
        }
        return sorted(tokens);
    }

    private static String token(int position, String term, int start, int end) {
        return String.format(java.util.Locale.ROOT, "%06d %s %d-%d", position, term, start, end);
    }

    private static List<String> sorted(List<String> tokens) {
        return tokens.stream().sorted().toList();
    }

    /** Runs of {@value #WORDS_PER_FILE} words from each file, read in place with the project's extractor. */
    private static List<String> corpusWords(List<String> files) {
        Path root = Stream.of(
                        Path.of("..", "..", "shared", "corpus", "pdfs"), Path.of("..", "shared", "corpus", "pdfs"))
                .filter(candidate -> Files.isRegularFile(candidate.resolve("MANIFEST.tsv")))
                .findFirst()
                .orElse(null);
        assumeThat(root).as("the shared corpus at ../shared/corpus/pdfs").isNotNull();
        DocumentExtractor extractor = new DocumentExtractor(ExtractionLimits.defaults());
        List<String> texts = new ArrayList<>();
        int words = 0;
        for (String file : files) {
            ExtractionResult result = extractor.extract(root.resolve(file));
            assertThat(result).as(file).isInstanceOf(ExtractionResult.Extracted.class);
            StringBuilder text = new StringBuilder();
            for (Page page : ((ExtractionResult.Extracted) result).pages()) {
                text.append(page.text()).append('\n');
            }
            String[] all = text.toString().strip().split("\\s+");
            String[] run = Arrays.copyOfRange(all, 0, Math.min(all.length, WORDS_PER_FILE));
            words += run.length;
            texts.add(String.join(" ", run));
        }
        assertThat(words).as("words compared").isGreaterThan(files.size() * WORDS_PER_FILE / 2);
        return texts;
    }
}
