package org.alima.portal.api.collections;

/** The rule of a collection's slug, shared by the request's validation and the database's CHECK (V5). */
final class Slug {

    static final String PATTERN = "(?=.{3,80}$)[a-z0-9][a-z0-9-]*[a-z0-9]";
    static final String RULE = "must be 3 to 80 lower-case letters, digits and hyphens, starting and ending with a"
            + " letter or digit, such as sam-operating-procedures";

    private Slug() {}
}
