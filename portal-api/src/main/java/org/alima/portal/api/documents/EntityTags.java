package org.alima.portal.api.documents;

/** Compares an {@code If-None-Match} header with an entity tag, RFC 9110 section 13.1.2 (weak comparison). */
final class EntityTags {

    private EntityTags() {}

    static boolean matches(String ifNoneMatch, String etag) {
        String header = ifNoneMatch.strip();
        if (header.equals("*")) {
            return true;
        }
        String opaque = strip(etag);
        for (String candidate : header.split(",")) {
            if (strip(candidate.strip()).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String strip(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
