package org.alima.portal.api.search;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.alima.portal.api.system.InvalidInputException;

/**
 * The parts of a results page a client asked for with {@code fields}, so that a client on a slow link receives (and
 * the server computes) only those. Immutable.
 *
 * <p>Without {@code fields}, everything. With it, each hit carries only the fields named among {@link #HIT_FIELDS},
 * and the page only {@code total}, {@code nextCursor} (needed to page at all) and those named among {@link
 * #PAGE_FIELDS}: facets are counted only when named.
 */
record FieldSelection(Set<String> names) {

    static final List<String> HIT_FIELDS =
            List.of("id", "title", "score", "authors", "type", "language", "year", "pages", "missingWords");
    static final List<String> PAGE_FIELDS =
            List.of("facets", "didYouMean", "tookMillis", "queryLanguage", "translatedQuery");

    static final FieldSelection ALL = new FieldSelection(null);

    /**
     * Reads {@code fields}: names separated by commas, the parameter possibly repeated.
     *
     * @throws InvalidInputException naming {@code fields} when a name is unknown
     */
    static FieldSelection parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return ALL;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            for (String name : value.split(",", -1)) {
                String field = name.strip();
                if (field.isEmpty()) {
                    continue;
                }
                if (!HIT_FIELDS.contains(field) && !PAGE_FIELDS.contains(field)) {
                    throw InvalidInputException.of(
                            "fields",
                            "names an unknown field '" + (field.length() > 40 ? field.substring(0, 40) + "…" : field)
                                    + "'; choose among " + String.join(", ", HIT_FIELDS) + ", "
                                    + String.join(", ", PAGE_FIELDS));
                }
                names.add(field);
            }
        }
        return names.isEmpty() ? ALL : new FieldSelection(Set.copyOf(names));
    }

    boolean includes(String field) {
        return names == null || names.contains(field);
    }
}
