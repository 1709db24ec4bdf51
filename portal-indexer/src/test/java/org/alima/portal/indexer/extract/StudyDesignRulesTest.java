package org.alima.portal.indexer.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StudyDesignRulesTest {

    private static Optional<StudyDesign> design(String title, String text) {
        return StudyDesignRules.suggest(title, text).map(StudyDesignRules.Suggestion::design);
    }

    @Nested
    class InEnglish {

        @Test
        void readsATrialFromItsAbstract() {
            assertThat(design(
                            "Cognitive-behavioural treatment for PTSD in women",
                            "Methods: 120 women were randomly assigned to treatment or waiting list in a randomised"
                                    + " controlled trial."))
                    .contains(StudyDesign.RANDOMISED_TRIAL);
        }

        @Test
        void prefersTheSystematicReviewOverTheTrialsItReviews() {
            assertThat(design(
                            "Thromboprophylaxis in trauma: a systematic review",
                            "We searched for randomized controlled trials and pooled them in a meta-analysis."))
                    .contains(StudyDesign.SYSTEMATIC_REVIEW);
        }

        @Test
        void readsACaseControlStudyWrittenWithOrWithoutAHyphen() {
            assertThat(design("Risk factors for cholera", "A case-control study in Kinshasa. Cases and controls were"))
                    .contains(StudyDesign.CASE_CONTROL);
            assertThat(design("Risk factors for cholera: a case control study", ""))
                    .contains(StudyDesign.CASE_CONTROL);
        }

        @Test
        void readsFocusGroupsAsQualitative() {
            assertThat(design(
                            "Patient experiences", "Focus groups were held; transcripts were analysed qualitatively."))
                    .contains(StudyDesign.QUALITATIVE);
        }

        @Test
        void findsTheCueInTheMethodsSectionBeyondTheHead() {
            String longIntroduction = "Malaria remains a burden in the region. ".repeat(200);
            assertThat(design(
                            "Malaria in Mali",
                            longIntroduction + " Methods We followed a prospective cohort of 900"
                                    + " children; this cohort study lasted two years."))
                    .contains(StudyDesign.COHORT);
        }

        @Test
        void suggestsNothingWithoutEnoughCues() {
            assertThat(design("RNA structural motif recognition", "We propose a least-squares distance for motifs."))
                    .isEmpty();
            assertThat(design("A note", "One guideline is cited.")).isEmpty();
        }

        @Test
        void namesTheCueThatWeighedMost() {
            assertThat(StudyDesignRules.suggest("A cross-sectional survey of anaemia", ""))
                    .contains(new StudyDesignRules.Suggestion(StudyDesign.CROSS_SECTIONAL, "cross sectional"));
        }
    }

    @Nested
    class InFrench {

        @Test
        void readsARandomisedTrialWithAccentsOrWithout() {
            assertThat(design("Essai randomisé de la supplémentation en zinc", "Les enfants ont été tirés au sort."))
                    .contains(StudyDesign.RANDOMISED_TRIAL);
            assertThat(design("ESSAI RANDOMISE", "tires au sort")).contains(StudyDesign.RANDOMISED_TRIAL);
        }

        @Test
        void readsACohortAndACaseControlStudy() {
            assertThat(design("Étude de cohorte des nouveau-nés à Bangui", "")).contains(StudyDesign.COHORT);
            assertThat(design("Facteurs de risque de la rougeole : étude cas-témoins", ""))
                    .contains(StudyDesign.CASE_CONTROL);
        }

        @Test
        void readsQualitativeInterviewsAfterTheMethodsHeading() {
            assertThat(design(
                            "Le vécu des agents de santé communautaires",
                            "Matériel et méthodes : étude qualitative par entretiens semi-directifs, analyse"
                                    + " thématique."))
                    .contains(StudyDesign.QUALITATIVE);
        }

        @Test
        void readsPublicHealthAdviceAsAGuideline() {
            assertThat(design(
                            "COVID-19",
                            "La conduite à tenir : je me fais tester, je respecte les gestes barrières. Consignes."))
                    .contains(StudyDesign.GUIDELINE);
        }

        @Test
        void readsAModellingStudy() {
            assertThat(design(
                            "Modélisation de la transmission du paludisme",
                            "Un modèle mathématique estime le" + " nombre de reproduction."))
                    .contains(StudyDesign.MODELLING);
        }
    }

    @Test
    void codesAreStableAndLabelsFollowTheReadersLanguage() {
        assertThat(StudyDesign.RANDOMISED_TRIAL.code()).isEqualTo("randomised_trial");
        assertThat(StudyDesign.fromCode("case_control")).contains(StudyDesign.CASE_CONTROL);
        assertThat(StudyDesign.fromCode("rct")).isEmpty();
        assertThat(StudyDesign.COHORT.label("fr")).isEqualTo("Étude de cohorte");
        assertThat(StudyDesign.COHORT.label("en")).isEqualTo("Cohort study");
    }
}
