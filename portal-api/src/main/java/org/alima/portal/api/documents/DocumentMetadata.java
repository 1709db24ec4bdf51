package org.alima.portal.api.documents;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.PlainText;
import org.alima.portal.api.vocabularies.Vocabulary;

/**
 * The descriptive metadata of a document that people edit: sent with an upload, by PUT (replace) and PATCH (change
 * the fields given), returned inside a document. Immutable; null means "not given".
 *
 * <p>Every bound is checked here, at the door, with a message that names the fix; the database CHECKs repeat the
 * essential ones so that no other path can store what the API would refuse.
 *
 * <p>What the workflow decides is not here: the status, the owner and the version a document supersedes change only
 * through their own endpoints (see {@link MetadataJson}, which refuses them in a body).
 *
 * @param publicationDate YYYY-MM-DD; kept as text so that a wrong date is reported against this field
 * @param effectiveDate operating procedures only: from when the procedure applies (YYYY-MM-DD)
 * @param reviewDueDate operating procedures only: when the procedure must be reviewed (YYYY-MM-DD), not before its
 *     effective date
 * @param design the study design's code (see {@code StudyDesign} in portal-indexer), as the contributor or a curator
 *     confirmed it; what the rules suggested from the file is kept apart until then
 * @param healthTopics codes of {@link Vocabulary#HEALTH} (ICD-11 chapters); the free {@code topics} hold what they lack
 * @param populations codes of {@link Vocabulary#POPULATION}
 * @param populationsOther free text for populations the vocabulary lacks, shown marked as free text
 * @param settings codes of {@link Vocabulary#SETTING}
 * @param settingsOther free text for settings the vocabulary lacks
 * @param interventions codes of {@link Vocabulary#INTERVENTION}
 * @param interventionsOther free text for intervention types the vocabulary lacks
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record DocumentMetadata(
        @Nullable
        @Pattern(regexp = NOT_BLANK, message = "must not be blank; leave it out to have it read from the file")
        @Size(max = 1000, message = "must be at most 1000 characters; shorten it")
        @PlainText
        String title,

        @JsonProperty("abstract")
        @Nullable
        @Size(max = 20_000, message = "must be at most 20000 characters; shorten it")
        @PlainText
        String abstractText,

        @Nullable @Size(max = 200, message = "must list at most 200 authors")
        List<@NotNull @Valid Author> authors,

        @Nullable @CalendarDate String publicationDate,

        @Nullable @Pattern(regexp = DocumentType.PATTERN, message = "must be one of " + DocumentType.NAMES)
        String type,

        @Nullable @Pattern(regexp = "[a-z]{2}", message = "must be an ISO 639-1 code in lower case, such as fr or en")
        String language,

        @Nullable @Size(max = 250, message = "must list at most 250 countries")
        List<@NotNull @IsoCountry String> countries,

        @Nullable @Size(max = 50, message = "must list at most 50 topics")
        List<
                        @NotBlank(message = "must not be blank")
                        @Size(max = 200, message = "must be at most 200 characters") @PlainText String>
                topics,

        @Nullable
        @Size(max = 300, message = "must be at most 300 characters")
        @Pattern(
                regexp = "10\\.\\d{4,9}/\\S+",
                message = "must be a DOI such as 10.1371/journal.pmed.1002134, without https://doi.org/")
        @PlainText
        String doi,

        @Nullable
        @Pattern(regexp = NOT_BLANK, message = "must not be blank")
        @Size(max = 200, message = "must be at most 200 characters")
        @PlainText
        String license,

        @Nullable @CalendarDate String effectiveDate,

        @Nullable @CalendarDate String reviewDueDate,

        @Nullable @Pattern(regexp = DESIGN_PATTERN, message = "must be one of " + DESIGN_CODES)
        String design,

        @Nullable @Size(max = MAX_CODES, message = "must list at most " + MAX_CODES + " codes")
        List<@NotNull String> healthTopics,

        @Nullable @Size(max = MAX_CODES, message = "must list at most " + MAX_CODES + " codes")
        List<@NotNull String> populations,

        @Nullable @Size(max = MAX_OTHER, message = "must list at most " + MAX_OTHER + " entries")
        List<
                        @NotBlank(message = "must not be blank")
                        @Size(max = 200, message = "must be at most 200 characters") @PlainText String>
                populationsOther,

        @Nullable @Size(max = MAX_CODES, message = "must list at most " + MAX_CODES + " codes")
        List<@NotNull String> settings,

        @Nullable @Size(max = MAX_OTHER, message = "must list at most " + MAX_OTHER + " entries")
        List<
                        @NotBlank(message = "must not be blank")
                        @Size(max = 200, message = "must be at most 200 characters") @PlainText String>
                settingsOther,

        @Nullable @Size(max = MAX_CODES, message = "must list at most " + MAX_CODES + " codes")
        List<@NotNull String> interventions,

        @Nullable @Size(max = MAX_OTHER, message = "must list at most " + MAX_OTHER + " entries")
        List<
                        @NotBlank(message = "must not be blank")
                        @Size(max = 200, message = "must be at most 200 characters") @PlainText String>
                interventionsOther) {

    /** Most codes of one vocabulary on a document: more than any vocabulary holds. */
    static final int MAX_CODES = 30;

    /** Most free-text entries beside one vocabulary. */
    static final int MAX_OTHER = 20;

    /** The study design codes that the API accepts, as a regular expression (a constant, as annotations need). */
    static final String DESIGN_PATTERN = "systematic_review|randomised_trial|cohort|case_control|cross_sectional"
            + "|qualitative|case_report|modelling|guideline|operating_procedure|other";

    /** The same codes as a sentence, for messages; a test holds both to {@code StudyDesign}. */
    static final String DESIGN_CODES = "systematic_review, randomised_trial, cohort, case_control, cross_sectional,"
            + " qualitative, case_report, modelling, guideline, operating_procedure, other";

    /** Some visible character; unlike {@code @NotBlank}, lets an absent (null) field pass. */
    static final String NOT_BLANK = "(?s).*\\S.*";

    /** The one type of document that carries an effective date and a review-due date. */
    static final String PROCEDURE = "operating_procedure";

    static DocumentMetadata empty() {
        return new DocumentMetadata(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    List<Author> authorList() {
        return authors == null ? List.of() : authors;
    }

    List<String> countryList() {
        return countries == null ? List.of() : countries;
    }

    List<String> topicList() {
        return topics == null ? List.of() : topics;
    }

    List<String> healthTopicList() {
        return list(healthTopics);
    }

    List<String> populationList() {
        return list(populations);
    }

    List<String> populationOtherList() {
        return list(populationsOther);
    }

    List<String> settingList() {
        return list(settings);
    }

    List<String> settingOtherList() {
        return list(settingsOther);
    }

    List<String> interventionList() {
        return list(interventions);
    }

    List<String> interventionOtherList() {
        return list(interventionsOther);
    }

    /** The codes of {@code vocabulary} this metadata holds (for the study design, its one code or none). */
    List<String> codesOf(Vocabulary vocabulary) {
        return switch (vocabulary) {
            case DESIGN -> design == null ? List.of() : List.of(design);
            case HEALTH -> healthTopicList();
            case POPULATION -> populationList();
            case SETTING -> settingList();
            case INTERVENTION -> interventionList();
        };
    }

    /** The free text beside {@code vocabulary}, for what it lacks (for health topics, the free topics). */
    List<String> otherOf(Vocabulary vocabulary) {
        return switch (vocabulary) {
            case DESIGN -> List.of();
            case HEALTH -> topicList();
            case POPULATION -> populationOtherList();
            case SETTING -> settingOtherList();
            case INTERVENTION -> interventionOtherList();
        };
    }

    /**
     * Checks that every code of the four humanitarian vocabularies is one of theirs (the study design has its own
     * pattern above).
     *
     * @throws InvalidInputException naming each field with an unknown code and the codes it allows
     */
    void checkCodes() {
        List<FieldError> errors = new ArrayList<>();
        for (Vocabulary vocabulary :
                List.of(Vocabulary.HEALTH, Vocabulary.POPULATION, Vocabulary.SETTING, Vocabulary.INTERVENTION)) {
            errors.addAll(vocabulary.unknown(vocabulary.field(), codesOf(vocabulary)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static List<String> list(@Nullable List<String> values) {
        return values == null ? List.of() : values;
    }

    @Nullable
    LocalDate publicationLocalDate() {
        return date(publicationDate);
    }

    @Nullable
    LocalDate effectiveLocalDate() {
        return date(effectiveDate);
    }

    @Nullable
    LocalDate reviewDueLocalDate() {
        return date(reviewDueDate);
    }

    /**
     * Checks the rules that tie fields together, on the metadata as it will be stored (after a PATCH has merged):
     * only an operating procedure carries an effective date and a review-due date, and its review is not due before
     * it takes effect.
     *
     * @throws InvalidInputException naming each field at fault
     */
    void checkDates() {
        List<FieldError> errors = new ArrayList<>();
        if (!PROCEDURE.equals(type)) {
            String message = "is only for operating procedures (type " + PROCEDURE + "); leave it out, or set the type";
            if (effectiveDate != null) {
                errors.add(new FieldError("effectiveDate", message));
            }
            if (reviewDueDate != null) {
                errors.add(new FieldError("reviewDueDate", message));
            }
        }
        LocalDate effective = effectiveLocalDate();
        LocalDate reviewDue = reviewDueLocalDate();
        if (effective != null && reviewDue != null && reviewDue.isBefore(effective)) {
            errors.add(
                    new FieldError("reviewDueDate", "must not be before the effective date (" + effectiveDate + ")"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    /**
     * Checks what a document needs before its owner hands it to the curators: a title, a type and a language, without
     * which a reader can neither recognise it in a list nor filter it.
     *
     * @throws MetadataIncompleteException naming each missing field and what to give
     */
    void checkSubmittable() {
        List<FieldError> errors = missingDescription("submit");
        if (!errors.isEmpty()) {
            throw new MetadataIncompleteException("submit", errors);
        }
    }

    /**
     * Checks what a document needs before everyone may read it: a title, a type and a language, and for an operating
     * procedure from when it applies and when it must be reviewed, so that a reader can tell a current procedure from
     * an outdated one.
     *
     * @throws MetadataIncompleteException naming each missing field and what to give
     */
    void checkPublishable() {
        List<FieldError> errors = missingDescription("publish");
        if (PROCEDURE.equals(type) && effectiveDate == null) {
            errors.add(new FieldError(
                    "effectiveDate",
                    "is required to publish an operating procedure: give the date from which it applies"
                            + " (YYYY-MM-DD)"));
        }
        if (PROCEDURE.equals(type) && reviewDueDate == null) {
            errors.add(new FieldError(
                    "reviewDueDate",
                    "is required to publish an operating procedure: give the date by which it must be reviewed"
                            + " (YYYY-MM-DD)"));
        }
        if (!errors.isEmpty()) {
            throw new MetadataIncompleteException("publish", errors);
        }
    }

    /** The fields every document needs before it leaves its owner's drafts, each with what to give. */
    private List<FieldError> missingDescription(String action) {
        List<FieldError> errors = new ArrayList<>();
        if (title == null) {
            errors.add(new FieldError(
                    "title", "is required to " + action + " a document: give the title a reader should see"));
        }
        if (type == null) {
            errors.add(new FieldError(
                    "type", "is required to " + action + " a document: choose one of " + DocumentType.NAMES));
        }
        if (language == null) {
            errors.add(new FieldError(
                    "language",
                    "is required to " + action + " a document: give its language as an ISO 639-1 code, such as fr"
                            + " or en"));
        }
        return errors;
    }

    /** The names (as in JSON) of the fields whose values differ from {@code other}'s, for the audit log. */
    List<String> changedFrom(DocumentMetadata other) {
        List<String> changed = new ArrayList<>();
        addIfDifferent(changed, "title", title, other.title);
        addIfDifferent(changed, "abstract", abstractText, other.abstractText);
        addIfDifferent(changed, "authors", authorList(), other.authorList());
        addIfDifferent(changed, "publicationDate", publicationDate, other.publicationDate);
        addIfDifferent(changed, "type", type, other.type);
        addIfDifferent(changed, "language", language, other.language);
        addIfDifferent(changed, "countries", countryList(), other.countryList());
        addIfDifferent(changed, "topics", topicList(), other.topicList());
        addIfDifferent(changed, "doi", doi, other.doi);
        addIfDifferent(changed, "license", license, other.license);
        addIfDifferent(changed, "effectiveDate", effectiveDate, other.effectiveDate);
        addIfDifferent(changed, "reviewDueDate", reviewDueDate, other.reviewDueDate);
        addIfDifferent(changed, "design", design, other.design);
        addIfDifferent(changed, "healthTopics", healthTopicList(), other.healthTopicList());
        addIfDifferent(changed, "populations", populationList(), other.populationList());
        addIfDifferent(changed, "populationsOther", populationOtherList(), other.populationOtherList());
        addIfDifferent(changed, "settings", settingList(), other.settingList());
        addIfDifferent(changed, "settingsOther", settingOtherList(), other.settingOtherList());
        addIfDifferent(changed, "interventions", interventionList(), other.interventionList());
        addIfDifferent(changed, "interventionsOther", interventionOtherList(), other.interventionOtherList());
        return changed;
    }

    private static void addIfDifferent(List<String> changed, String field, Object value, Object other) {
        if (!Objects.equals(value, other)) {
            changed.add(field);
        }
    }

    @Nullable
    private static LocalDate date(@Nullable String value) {
        return value == null ? null : LocalDate.parse(value);
    }

    /**
     * Whether the search index shows this metadata as it shows {@code other}: the same in every field it holds
     * (license and the effective date are not; the review date is, for hits to say a procedure is overdue; the study
     * design and the codes of the four vocabularies are, as facets and filters; their free text is not).
     */
    boolean showsInSearchAs(DocumentMetadata other) {
        return Objects.equals(title, other.title)
                && Objects.equals(abstractText, other.abstractText)
                && authorList().stream()
                        .map(Author::name)
                        .toList()
                        .equals(other.authorList().stream().map(Author::name).toList())
                && Objects.equals(publicationDate, other.publicationDate)
                && Objects.equals(type, other.type)
                && Objects.equals(language, other.language)
                && countryList().equals(other.countryList())
                && topicList().equals(other.topicList())
                && Objects.equals(doi, other.doi)
                && Objects.equals(reviewDueDate, other.reviewDueDate)
                && Objects.equals(design, other.design)
                && healthTopicList().equals(other.healthTopicList())
                && populationList().equals(other.populationList())
                && settingList().equals(other.settingList())
                && interventionList().equals(other.interventionList());
    }

    /**
     * This metadata changed by the fields that {@code patch} gives: an absent (null) field keeps the current value,
     * which is why PATCH can empty a list but not clear a single value, and PUT can.
     */
    DocumentMetadata patchedBy(DocumentMetadata patch) {
        return new DocumentMetadata(
                patch.title != null ? patch.title : title,
                patch.abstractText != null ? patch.abstractText : abstractText,
                patch.authors != null ? patch.authors : authors,
                patch.publicationDate != null ? patch.publicationDate : publicationDate,
                patch.type != null ? patch.type : type,
                patch.language != null ? patch.language : language,
                patch.countries != null ? patch.countries : countries,
                patch.topics != null ? patch.topics : topics,
                patch.doi != null ? patch.doi : doi,
                patch.license != null ? patch.license : license,
                patch.effectiveDate != null ? patch.effectiveDate : effectiveDate,
                patch.reviewDueDate != null ? patch.reviewDueDate : reviewDueDate,
                patch.design != null ? patch.design : design,
                patch.healthTopics != null ? patch.healthTopics : healthTopics,
                patch.populations != null ? patch.populations : populations,
                patch.populationsOther != null ? patch.populationsOther : populationsOther,
                patch.settings != null ? patch.settings : settings,
                patch.settingsOther != null ? patch.settingsOther : settingsOther,
                patch.interventions != null ? patch.interventions : interventions,
                patch.interventionsOther != null ? patch.interventionsOther : interventionsOther);
    }
}
