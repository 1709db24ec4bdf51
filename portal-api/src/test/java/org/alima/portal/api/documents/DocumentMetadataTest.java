package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.indexer.extract.StudyDesign;
import org.junit.jupiter.api.Test;

class DocumentMetadataTest {

    private static final DocumentMetadata PROTOCOL = new DocumentMetadata(
            "Protocole MAS",
            null,
            List.of(new Author("Diallo, Aminata", null)),
            "2020-01-01",
            "protocol",
            "fr",
            List.of("ML"),
            List.of("malnutrition"),
            null,
            "CC BY 4.0",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    @Test
    void showsInSearchAsBeforeWhenOnlyLicenseOrOrcidChanged() {
        DocumentMetadata changed = new DocumentMetadata(
                "Protocole MAS",
                null,
                List.of(new Author("Diallo, Aminata", "0000-0002-1825-0097")),
                "2020-01-01",
                "protocol",
                "fr",
                List.of("ML"),
                List.of("malnutrition"),
                null,
                "CC0",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        assertThat(changed.showsInSearchAs(PROTOCOL)).isTrue();
    }

    @Test
    void showsDifferentlyInSearchWhenASearchedFieldChanged() {
        assertThat(PROTOCOL.patchedBy(patch("title", "Protocole MAS 2")).showsInSearchAs(PROTOCOL))
                .isFalse();
        assertThat(PROTOCOL.patchedBy(patch("topics", null)).showsInSearchAs(PROTOCOL))
                .isFalse();
    }

    @Test
    void acceptsAnOperatingProcedureReviewedOnItsEffectiveDateOrLater() {
        procedure("2024-01-01", "2024-01-01").checkDates();
        procedure("2024-01-01", "2026-06-30").checkDates();
        procedure(null, "2026-06-30").checkDates();
    }

    @Test
    void refusesAReviewDueBeforeTheProcedureTakesEffect() {
        assertThatThrownBy(() -> procedure("2024-01-02", "2024-01-01").checkDates())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problem().errors())
                                .extracting(FieldError::field)
                                .containsExactly("reviewDueDate"));
    }

    @Test
    void refusesProcedureDatesOnAnotherTypeNamingEachDate() {
        DocumentMetadata protocol = new DocumentMetadata(
                null,
                null,
                null,
                null,
                "protocol",
                null,
                null,
                null,
                null,
                null,
                "2024-01-01",
                "2025-01-01",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        assertThatThrownBy(() -> protocol.checkDates())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problem().errors())
                                .extracting(FieldError::field)
                                .containsExactly("effectiveDate", "reviewDueDate"));
    }

    @Test
    void acceptsEveryStudyDesignCodeAndNoOther() {
        assertThat(DocumentMetadata.DESIGN_PATTERN.split("\\|"))
                .containsExactly(Arrays.stream(StudyDesign.values())
                        .map(StudyDesign::code)
                        .toArray(String[]::new));
        assertThat(DocumentMetadata.DESIGN_CODES).isEqualTo(StudyDesign.CODES);
    }

    @Test
    void keepsTheConfirmedDesignThroughAPatchAndNamesItWhenChanged() {
        DocumentMetadata trial = PROTOCOL.patchedBy(design("randomised_trial"));

        assertThat(trial.design()).isEqualTo("randomised_trial");
        assertThat(trial.patchedBy(patch("title", "Protocole MAS 2")).design()).isEqualTo("randomised_trial");
        assertThat(trial.changedFrom(PROTOCOL)).containsExactly("design");
    }

    @Test
    void namesTheFieldsAnEditChanged() {
        DocumentMetadata edited =
                PROTOCOL.patchedBy(patch("title", "Protocole MAS 2")).patchedBy(patch("topics", null));

        assertThat(edited.changedFrom(PROTOCOL)).containsExactly("title", "topics");
        assertThat(PROTOCOL.changedFrom(PROTOCOL)).isEmpty();
    }

    private static DocumentMetadata procedure(String effective, String reviewDue) {
        return new DocumentMetadata(
                null,
                null,
                null,
                null,
                "operating_procedure",
                null,
                null,
                null,
                null,
                null,
                effective,
                reviewDue,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static DocumentMetadata design(String code) {
        return new DocumentMetadata(
                null, null, null, null, null, null, null, null, null, null, null, null, code, null, null, null, null,
                null, null, null);
    }

    private static DocumentMetadata patch(String field, String title) {
        return field.equals("title")
                ? new DocumentMetadata(
                        title, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null)
                : new DocumentMetadata(
                        null, null, null, null, null, null, null, List.of(), null, null, null, null, null, null, null,
                        null, null, null, null, null);
    }

    @Test
    void aChangeOfCodesReindexesTheDocumentAndAChangeOfFreeTextOnlyDoesNot() {
        DocumentMetadata refugees = populations(List.of("refugees"), List.of());

        assertThat(refugees.showsInSearchAs(populations(List.of("refugees"), List.of("Orpailleurs"))))
                .isTrue();
        assertThat(refugees.showsInSearchAs(populations(List.of("refugees", "health_workers"), List.of())))
                .isFalse();
        assertThat(populations(List.of("refugees"), List.of("Orpailleurs")).changedFrom(refugees))
                .containsExactly("populationsOther");
        assertThat(refugees.patchedBy(DocumentMetadata.empty()).populations()).containsExactly("refugees");
    }

    private static DocumentMetadata populations(List<String> codes, List<String> other) {
        return new DocumentMetadata(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, codes, other, null,
                null, null, null);
    }
}
