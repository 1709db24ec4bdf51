package org.alima.portal.indexer.extract;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that suggests a document's {@link StudyDesign} from its text, for a contributor to confirm or change.
 * Stateless; thread-safe.
 *
 * <p>The rules read the title, the beginning of the text (where the abstract is) and the start of the methods section
 * ({@code Methods}, {@code Méthodes}, {@code Matériel et méthodes}), lower-cased, without accents, punctuation read as a
 * space (so {@code case-control} and {@code case control} are one cue). Each design has a list of cue phrases in
 * English and French ({@link #CUES}); a cue counts three times in the title and once per occurrence elsewhere. The
 * design with the highest count wins, ties going to the design first in {@link StudyDesign}'s order (a systematic
 * review of trials names trials too). Fewer than {@link #MINIMUM_SCORE} counts suggest nothing: a contributor is
 * better served by an empty choice than by a guess. Accuracy on the shared corpus is in the README.
 */
public final class StudyDesignRules {

    /** The characters read from the beginning of the text: title page, abstract, often the introduction. */
    static final int HEAD = 6_000;

    /** The characters of text normalised at most, for the methods heading to be found in a long document. */
    public static final int READ = 200_000;

    /** The characters read after a methods heading. */
    static final int METHODS = 3_000;

    /** The least count that makes a suggestion. */
    static final int MINIMUM_SCORE = 2;

    static final Map<StudyDesign, List<String>> CUES = cues();

    private static final List<String> METHODS_HEADINGS =
            List.of(" methods ", " methodology ", " methodes ", " methodologie ", " materiel et methodes ");

    /** A suggested design and the cue that weighed most, to show the contributor why. */
    public record Suggestion(StudyDesign design, String cue) {}

    private StudyDesignRules() {}

    /** The design that the title and text suggest; empty when no design has enough cues. */
    public static Optional<Suggestion> suggest(String title, String text) {
        String normalised = normalise(text.length() > READ ? text.substring(0, READ) : text);
        String head = normalised.substring(0, Math.min(HEAD, normalised.length()));
        String methods = methodsSection(normalised);
        String normalisedTitle = normalise(title == null ? "" : title);
        StudyDesign best = null;
        String bestCue = null;
        int bestScore = 0;
        for (Map.Entry<StudyDesign, List<String>> entry : CUES.entrySet()) {
            int score = 0;
            int strongest = 0;
            String cue = null;
            for (String phrase : entry.getValue()) {
                int hits = 3 * count(normalisedTitle, phrase) + count(head, phrase) + count(methods, phrase);
                score += hits;
                if (hits > strongest) {
                    strongest = hits;
                    cue = phrase.strip();
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = entry.getKey();
                bestCue = cue;
            }
        }
        return bestScore >= MINIMUM_SCORE ? Optional.of(new Suggestion(best, bestCue)) : Optional.empty();
    }

    /** Lower case, accents removed, every run of non-letters and non-digits one space, padded with spaces. */
    static String normalise(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        return " " + folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
    }

    /** The text after the first methods heading that the head has not already covered. */
    private static String methodsSection(String normalised) {
        int start = -1;
        for (String heading : METHODS_HEADINGS) {
            int at = normalised.indexOf(heading);
            if (at >= 0 && (start < 0 || at < start)) {
                start = at;
            }
        }
        if (start < 0) {
            return "";
        }
        int from = Math.max(start, HEAD);
        int end = Math.min(normalised.length(), start + METHODS);
        return from < end ? normalised.substring(from, end) : "";
    }

    private static int count(String text, String phrase) {
        int n = 0;
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length() - 1)) {
            n++;
        }
        return n;
    }

    private static Map<StudyDesign, List<String>> cues() {
        Map<StudyDesign, List<String>> cues = new EnumMap<>(StudyDesign.class);
        cues.put(
                StudyDesign.SYSTEMATIC_REVIEW,
                phrases(
                        "systematic review",
                        "systematic literature review",
                        "meta analysis",
                        "meta analyses",
                        "metaanalysis",
                        "prisma",
                        "cochrane library",
                        "searches of the following databases",
                        "revue systematique",
                        "meta analyse",
                        "revue de la litterature systematique"));
        cues.put(
                StudyDesign.RANDOMISED_TRIAL,
                phrases(
                        "randomised controlled trial",
                        "randomized controlled trial",
                        "randomised trial",
                        "randomized trial",
                        "randomly assigned",
                        "randomly allocated",
                        "randomisation",
                        "randomization",
                        "essai randomise",
                        "essai controle randomise",
                        "essai clinique randomise",
                        "tires au sort",
                        "tirage au sort"));
        cues.put(
                StudyDesign.COHORT,
                phrases(
                        "cohort study",
                        "prospective cohort",
                        "retrospective cohort",
                        "longitudinal study",
                        "etude de cohorte",
                        "cohorte prospective",
                        "cohorte retrospective",
                        "etude longitudinale"));
        cues.put(
                StudyDesign.CASE_CONTROL,
                phrases("case control", "cases and controls", "matched controls", "cas temoins", "cas et temoins"));
        cues.put(
                StudyDesign.CROSS_SECTIONAL,
                phrases(
                        "cross sectional",
                        "prevalence survey",
                        "household survey",
                        "indicator survey",
                        "national survey",
                        "vital statistics",
                        "american housing survey",
                        "etude transversale",
                        "enquete transversale",
                        "enquete de prevalence",
                        "enquete menage",
                        "enquete nationale"));
        cues.put(
                StudyDesign.QUALITATIVE,
                phrases(
                        "qualitative study",
                        "focus group",
                        "focus groups",
                        "semi structured interview",
                        "semistructured interview",
                        "in depth interviews",
                        "thematic analysis",
                        "analysed qualitatively",
                        "analyzed qualitatively",
                        "etude qualitative",
                        "groupes de discussion",
                        "entretiens semi directifs",
                        "entretiens semi structures",
                        "analyse thematique"));
        cues.put(
                StudyDesign.CASE_REPORT,
                phrases(
                        "case report",
                        "we report a case",
                        "we describe a case",
                        "we report the case",
                        "cas clinique",
                        "nous rapportons le cas",
                        "a propos d un cas"));
        cues.put(
                StudyDesign.MODELLING,
                phrases(
                        "mathematical model",
                        "mathematical models",
                        "transmission model",
                        "compartmental model",
                        "simulation model",
                        "modelling study",
                        "modeling study",
                        "cost effectiveness",
                        "markov model",
                        "reproduction number",
                        "serial interval",
                        "epidemic curves",
                        "modele mathematique",
                        "modelisation",
                        "cout efficacite",
                        "modele de transmission",
                        "nombre de reproduction"));
        cues.put(
                StudyDesign.GUIDELINE,
                phrases(
                        "guideline",
                        "guidelines",
                        "guidance",
                        "recommendations",
                        "recommandations",
                        "guide repere",
                        "conduite a tenir",
                        "gestes barrieres",
                        "mesures barrieres",
                        "bonnes pratiques",
                        "consignes",
                        "je me protege"));
        cues.put(
                StudyDesign.OPERATING_PROCEDURE,
                phrases(
                        "standard operating procedure",
                        "operating procedures",
                        "reporting protocol",
                        "procedure",
                        "procedures",
                        "policy",
                        "step by step",
                        "tutoriel",
                        "mode operatoire",
                        "procedure operationnelle",
                        "mode d emploi"));
        return cues;
    }

    /** Each phrase as the normalised text holds it: between spaces, so that a cue matches whole words only. */
    private static List<String> phrases(String... phrases) {
        return java.util.Arrays.stream(phrases).map(StudyDesignRules::normalise).toList();
    }
}
