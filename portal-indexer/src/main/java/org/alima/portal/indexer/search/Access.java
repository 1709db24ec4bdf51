package org.alima.portal.indexer.search;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.alima.portal.indexer.index.IndexSchema;
import org.alima.portal.indexer.index.IndexableDocument;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Which documents a caller may find, immutable and thread-safe: every document ({@link #everything()}: curators, the
 * command line), or those that carry at least one of the caller's audiences ({@link #audiences(String...)}: an
 * anonymous reader is {@code Access.audiences("public")}, a contributor adds {@code "account:<uuid>"}). Audiences
 * match {@link IndexableDocument#audiences()} exactly, case included.
 *
 * <p>Also which collections the caller may know of ({@link #knowingOnly}): the others are neither searched within
 * (a filter on one finds nothing), nor counted in facets, nor named by a query ({@code collection:x} is refused).
 *
 * @param unrestricted true for {@link #everything()}; {@code audiences} is then empty
 * @param audiences the caller's audiences, 1 to {@value #MAX_AUDIENCES} when restricted
 * @param collections the collections the caller may know of, as index terms ({@link IndexSchema#keywordTerm}); null
 *     for every one
 */
public record Access(boolean unrestricted, Set<String> audiences, Set<String> collections) {

    /** Most audiences one caller may belong to. */
    public static final int MAX_AUDIENCES = 100;

    public Access {
        if (audiences == null) {
            throw new InvalidSearchRequestException(
                    "the audiences of an access must not be null; use Access.everything() for an unrestricted search");
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String audience : audiences) {
            if (audience == null || audience.isBlank()) {
                throw new InvalidSearchRequestException(
                        "an audience must not be blank; name it as the documents do, e.g. \"" + IndexableDocument.PUBLIC
                                + "\"");
            }
            if (audience.length() > IndexSchema.MAX_KEYWORD_LENGTH) {
                throw new InvalidSearchRequestException("an audience is " + audience.length()
                        + " characters long; the limit is " + IndexSchema.MAX_KEYWORD_LENGTH + " (MAX_KEYWORD_LENGTH)");
            }
            kept.add(audience.strip());
        }
        if (unrestricted && !kept.isEmpty()) {
            throw new InvalidSearchRequestException(
                    "an unrestricted access takes no audiences; use Access.everything() or Access.of(audiences)");
        }
        if (!unrestricted && kept.isEmpty()) {
            throw new InvalidSearchRequestException("an access needs at least one audience, or it would find nothing:"
                    + " pass Access.audiences(\"" + IndexableDocument.PUBLIC + "\") for an anonymous reader, or"
                    + " Access.everything() for an unrestricted search");
        }
        if (kept.size() > MAX_AUDIENCES) {
            throw new InvalidSearchRequestException(
                    "at most " + MAX_AUDIENCES + " audiences are allowed (MAX_AUDIENCES), got " + kept.size());
        }
        audiences = Set.copyOf(kept);
        if (collections != null) {
            collections = collections.stream().map(IndexSchema::keywordTerm).collect(Collectors.toUnmodifiableSet());
        }
    }

    /**
     * This access, knowing only the collections named by {@code slugs} (compared as the index compares collection
     * values: case and accents ignored).
     */
    public Access knowingOnly(Set<String> slugs) {
        if (slugs == null) {
            throw new InvalidSearchRequestException("the collections a caller knows must not be null; pass an empty"
                    + " set for none, or leave the access as it is for every one");
        }
        return new Access(unrestricted, audiences, slugs);
    }

    /** Whether the caller may know of the collection whose index term is {@code term}. */
    boolean knowsCollection(String term) {
        return collections == null || collections.contains(term);
    }

    /** No restriction: every document, whatever its audiences. */
    public static Access everything() {
        return new Access(true, Set.of(), null);
    }

    /**
     * The documents carrying at least one of these audiences.
     *
     * @throws InvalidSearchRequestException when none is given, one is blank or too long, or there are too many
     */
    public static Access audiences(String... audiences) {
        if (audiences == null) {
            return of(null);
        }
        return of(new LinkedHashSet<>(Arrays.asList(audiences)));
    }

    /**
     * The documents carrying at least one of these audiences.
     *
     * @throws InvalidSearchRequestException when the set is null or empty, an audience is blank or too long, or
     *     there are too many
     */
    public static Access of(Set<String> audiences) {
        return new Access(false, audiences, null);
    }

    /** The non-scoring filter keeping the documents of these audiences, or null when unrestricted. */
    Query filter() {
        if (unrestricted) {
            return null;
        }
        return new TermInSetQuery(
                IndexSchema.AUDIENCE,
                audiences.stream().sorted().map(BytesRef::new).toList());
    }
}
