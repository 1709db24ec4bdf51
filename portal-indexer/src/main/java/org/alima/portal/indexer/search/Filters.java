package org.alima.portal.indexer.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Restrictions on the documents a search returns, immutable. Values within one dimension are alternatives (OR);
 * dimensions combine with AND. Matching ignores case and accents. Filters never change scores, and each dimension's
 * facet counts ignore that dimension's own filter (drill-sideways), so a user can pick several values.
 *
 * @param yearFrom first year included, or null for no lower bound
 * @param yearTo last year included, or null for no upper bound
 */
public record Filters(
        Set<String> types,
        Set<String> languages,
        Set<String> countries,
        Set<String> topics,
        Set<String> collections,
        Set<String> designs,
        Set<String> health,
        Set<String> populations,
        Set<String> settings,
        Set<String> interventions,
        Integer yearFrom,
        Integer yearTo) {

    /** Most values accepted in one dimension. */
    public static final int MAX_VALUES = 50;

    /** Longest value accepted, in characters. */
    public static final int MAX_VALUE_LENGTH = 512;

    public Filters {
        types = checked("type", types);
        languages = checked("language", languages);
        countries = checked("country", countries);
        topics = checked("topic", topics);
        collections = checked("collection", collections);
        designs = checked("design", designs);
        health = checked("health", health);
        populations = checked("population", populations);
        settings = checked("setting", settings);
        interventions = checked("intervention", interventions);
        for (Integer year : new Integer[] {yearFrom, yearTo}) {
            if (year != null && (year < 0 || year > 9999)) {
                throw new InvalidSearchRequestException("a year filter must be between 0 and 9999, got " + year);
            }
        }
        if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
            throw new InvalidSearchRequestException(
                    "yearFrom (" + yearFrom + ") must not be after yearTo (" + yearTo + ")");
        }
    }

    /** No restriction. */
    public static Filters none() {
        return new Filters(
                Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(),
                null, null);
    }

    public Filters withTypes(String... values) {
        return new Filters(
                Set.of(values),
                languages,
                countries,
                topics,
                collections,
                designs,
                health,
                populations,
                settings,
                interventions,
                yearFrom,
                yearTo);
    }

    public Filters withLanguages(String... values) {
        return new Filters(
                types,
                Set.of(values),
                countries,
                topics,
                collections,
                designs,
                health,
                populations,
                settings,
                interventions,
                yearFrom,
                yearTo);
    }

    public Filters withCountries(String... values) {
        return new Filters(
                types,
                languages,
                Set.of(values),
                topics,
                collections,
                designs,
                health,
                populations,
                settings,
                interventions,
                yearFrom,
                yearTo);
    }

    public Filters withTopics(String... values) {
        return new Filters(
                types,
                languages,
                countries,
                Set.of(values),
                collections,
                designs,
                health,
                populations,
                settings,
                interventions,
                yearFrom,
                yearTo);
    }

    public Filters withCollections(String... values) {
        return new Filters(
                types,
                languages,
                countries,
                topics,
                Set.of(values),
                designs,
                health,
                populations,
                settings,
                interventions,
                yearFrom,
                yearTo);
    }

    public Filters withDesigns(String... values) {
        return new Filters(
                types,
                languages,
                countries,
                topics,
                collections,
                Set.of(values),
                health,
                populations,
                settings,
                interventions,
                yearFrom,
                yearTo);
    }

    /**
     * These filters with the humanitarian vocabularies' codes: ICD-11 chapters, populations, settings, intervention
     * types.
     */
    public Filters withClassification(
            Set<String> health, Set<String> populations, Set<String> settings, Set<String> interventions) {
        return new Filters(
                types,
                languages,
                countries,
                topics,
                collections,
                designs,
                health,
                populations,
                settings,
                interventions,
                yearFrom,
                yearTo);
    }

    public Filters withYears(Integer from, Integer to) {
        return new Filters(
                types,
                languages,
                countries,
                topics,
                collections,
                designs,
                health,
                populations,
                settings,
                interventions,
                from,
                to);
    }

    private static Set<String> checked(String dimension, Set<String> values) {
        if (values == null) {
            return Set.of();
        }
        if (values.size() > MAX_VALUES) {
            throw new InvalidSearchRequestException("at most " + MAX_VALUES + " " + dimension + " filter values are"
                    + " allowed (MAX_VALUES), got " + values.size());
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            if (value.length() > MAX_VALUE_LENGTH) {
                throw new InvalidSearchRequestException("a " + dimension + " filter value is " + value.length()
                        + " characters long; the limit is " + MAX_VALUE_LENGTH + " (MAX_VALUE_LENGTH)");
            }
            kept.add(value);
        }
        return Set.copyOf(kept);
    }

    /** Values per dimension name of {@link org.alima.portal.indexer.index.IndexSchema#FACET_DIMENSIONS} (no year). */
    List<Set<String>> keywordDimensions() {
        return List.of(
                types,
                languages,
                countries,
                topics,
                collections,
                designs,
                health,
                populations,
                settings,
                interventions);
    }
}
