package org.alima.portal.api.oai;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.alima.portal.indexer.extract.Format;

/**
 * What a record's metadata links to, beyond the document's own fields: the portal's public addresses and the public
 * collections holding it. Immutable.
 *
 * @param origin the portal's address, ending in a slash, e.g. {@code https://evidence.example.org/}
 * @param collections the public collections holding the document: slug to name
 */
record RecordContext(URI origin, Map<String, String> collections) {

    /** The document's landing page: its permanent address for readers. */
    String landingPage(UUID id) {
        return origin.resolve("documents/" + id).toString();
    }

    /** The document's file. */
    String file(UUID id) {
        return origin.resolve("api/documents/" + id + "/file").toString();
    }

    String collection(String slug) {
        return origin.resolve("collections/" + slug).toString();
    }

    /** The media type of a stored file format ({@code pdf}, {@code docx}…), as portal-indexer names it. */
    static String mediaType(String format) {
        return Format.valueOf(format.toUpperCase(Locale.ROOT)).mediaType();
    }

    /** The English name of an ISO 3166-1 alpha-2 code, e.g. Mali for ML; the code itself when the JDK knows none. */
    static String countryName(String code) {
        String name = Locale.of("", code).getDisplayCountry(Locale.ENGLISH);
        return name.isEmpty() ? code : name;
    }

    /** The human name of a document type, e.g. {@code Operating procedure} for {@code operating_procedure}. */
    static String typeName(String type) {
        String words = type.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * The type in the info:eu-repo vocabulary that the OpenAIRE and DRIVER guidelines ask of {@code dc:type}: the
     * portal's types that have an exact counterpart, {@code other} for the rest.
     */
    static String euRepoType(String type) {
        return "info:eu-repo/semantics/"
                + switch (type) {
                    case "article" -> "article";
                    case "report" -> "report";
                    case "poster" -> "conferencePoster";
                    default -> "other";
                };
    }

    List<String> collectionSlugs() {
        return List.copyOf(collections.keySet());
    }
}
