package org.alima.portal.api.oai;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The OAI-PMH 2.0 data provider: answers the six verbs over the published documents, with withdrawn and deleted ones
 * as deleted records (deletedRecord persistent), sets by document type ({@code type_<type>}) and public collection
 * ({@code collection_<slug>}), and every error as the specification says. Thread-safe; each answer reads the database
 * through the documents' and collections' ports, never directly.
 */
@Singleton
class OaiProvider {

    static final String NAMESPACE = "http://www.openarchives.org/OAI/2.0/";
    static final String SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";

    private static final String TYPE_SET = "type_";
    private static final String COLLECTION_SET = "collection_";

    private final OaiSettings settings;
    private final HarvestedDocuments documents;
    private final HarvestedCollections collections;

    OaiProvider(OaiSettings settings, HarvestedDocuments documents, HarvestedCollections collections) {
        this.settings = settings;
        this.documents = documents;
        this.collections = collections;
    }

    /**
     * The answer to a request, as XML.
     *
     * @param baseUrl the repository's address, e.g. {@code https://evidence.example.org/oai}
     */
    String answer(Map<String, List<String>> arguments, String baseUrl) {
        Instant now = Instant.now();
        OaiRequest request = null;
        try {
            request = OaiRequest.parse(arguments);
            Consumer<XmlOut> body = body(request, baseUrl, now);
            XmlOut xml = open(now, baseUrl, request);
            body.accept(xml);
            return xml.end().finish();
        } catch (OaiException e) {
            XmlOut xml = open(now, baseUrl, e.error().hidesArguments() ? null : request);
            xml.start("", NAMESPACE, "error").attribute("code", e.error().code());
            return xml.text(e.getMessage()).end().end().finish();
        }
    }

    /** What the verb answers, decided (and its errors raised) before anything is written. */
    private Consumer<XmlOut> body(OaiRequest request, String baseUrl, Instant now) {
        return switch (request.verb()) {
            case IDENTIFY -> identify(baseUrl, now);
            case LIST_METADATA_FORMATS -> listMetadataFormats(request);
            case LIST_SETS -> listSets(request);
            case GET_RECORD -> getRecord(request, baseUrl);
            case LIST_IDENTIFIERS, LIST_RECORDS -> list(request, baseUrl);
        };
    }

    private Consumer<XmlOut> identify(String baseUrl, Instant now) {
        Instant earliest = documents.earliestDatestamp().orElse(now);
        return xml -> {
            xml.start("", NAMESPACE, "Identify");
            oai(xml, "repositoryName", settings.repositoryName());
            oai(xml, "baseURL", baseUrl);
            oai(xml, "protocolVersion", "2.0");
            oai(xml, "adminEmail", settings.adminEmail());
            oai(xml, "earliestDatestamp", Datestamps.format(earliest));
            oai(xml, "deletedRecord", "persistent");
            oai(xml, "granularity", Datestamps.GRANULARITY);
            xml.end();
        };
    }

    private Consumer<XmlOut> listMetadataFormats(OaiRequest request) {
        String identifier = request.argument(OaiRequest.IDENTIFIER);
        if (identifier != null) {
            record(identifier);
        }
        return xml -> {
            xml.start("", NAMESPACE, "ListMetadataFormats");
            for (MetadataFormat format : MetadataFormat.values()) {
                xml.start("", NAMESPACE, "metadataFormat");
                oai(xml, "metadataPrefix", format.prefix());
                oai(xml, "schema", format.schema());
                oai(xml, "metadataNamespace", format.namespace());
                xml.end();
            }
            xml.end();
        };
    }

    private Consumer<XmlOut> listSets(OaiRequest request) {
        String token = request.argument(OaiRequest.RESUMPTION_TOKEN);
        if (token != null) {
            throw new OaiException(
                    OaiError.BAD_RESUMPTION_TOKEN,
                    "ListSets answers every set at once and gives no resumption token; ask without " + token + ".");
        }
        Map<String, String> sets = new LinkedHashMap<>();
        documents
                .documentTypes()
                .forEach(type -> sets.put(TYPE_SET + type, "Document type: " + RecordContext.typeName(type)));
        collections
                .publicCollections()
                .forEach(
                        collection -> sets.put(COLLECTION_SET + collection.slug(), "Collection: " + collection.name()));
        return xml -> {
            xml.start("", NAMESPACE, "ListSets");
            sets.forEach((spec, name) -> {
                xml.start("", NAMESPACE, "set");
                oai(xml, "setSpec", spec);
                oai(xml, "setName", name);
                xml.end();
            });
            xml.end();
        };
    }

    private Consumer<XmlOut> getRecord(OaiRequest request, String baseUrl) {
        MetadataFormat format = format(request.argument(OaiRequest.METADATA_PREFIX));
        HarvestedRecord record = record(request.argument(OaiRequest.IDENTIFIER));
        Sets sets = sets(List.of(record));
        return xml -> {
            xml.start("", NAMESPACE, "GetRecord");
            record(xml, record, format, sets, baseUrl);
            xml.end();
        };
    }

    private Consumer<XmlOut> list(OaiRequest request, String baseUrl) {
        boolean headersOnly = request.verb() == OaiRequest.Verb.LIST_IDENTIFIERS;
        String tokenText = request.argument(OaiRequest.RESUMPTION_TOKEN);
        ResumptionToken token = tokenText == null ? null : ResumptionToken.decode(tokenText);
        String prefix = token != null ? token.metadataPrefix() : request.argument(OaiRequest.METADATA_PREFIX);
        String set = token != null ? token.set() : request.argument(OaiRequest.SET);
        String from = token != null ? token.from() : request.argument(OaiRequest.FROM);
        String until = token != null ? token.until() : request.argument(OaiRequest.UNTIL);
        MetadataFormat format = format(prefix);
        Datestamps.Bound since = from == null ? null : Datestamps.parse(OaiRequest.FROM, from);
        Datestamps.Bound before = until == null ? null : Datestamps.parse(OaiRequest.UNTIL, until);
        if (since != null && before != null) {
            if (since.day() != before.day()) {
                throw new OaiException(
                        OaiError.BAD_ARGUMENT,
                        "from (" + from + ") and until (" + until + ") must have the same granularity: both days or"
                                + " both seconds.");
            }
            if (since.start().isAfter(before.start())) {
                throw new OaiException(
                        OaiError.BAD_ARGUMENT, "from (" + from + ") is later than until (" + until + ").");
            }
        }
        HarvestQuery query = new HarvestQuery(
                since == null ? null : since.start(),
                before == null ? null : before.end(),
                typeOf(set),
                collectionOf(set),
                token == null ? null : token.afterDatestamp(),
                token == null ? null : token.afterId(),
                settings.pageSize());
        HarvestPage page = documents.page(query);
        if (page.records().isEmpty()) {
            throw new OaiException(
                    OaiError.NO_RECORDS_MATCH,
                    token == null
                            ? "No record matches these arguments" + (set == null ? "" : " in the set " + set) + "."
                            : "No record is left after this resumption token; the list is complete.");
        }
        Sets sets = sets(page.records());
        HarvestedRecord last = page.records().get(page.records().size() - 1);
        long delivered = page.before() + page.records().size();
        String next = delivered < page.total()
                ? new ResumptionToken(prefix, set, from, until, last.datestamp(), last.id()).encode()
                : null;
        return xml -> {
            xml.start("", NAMESPACE, headersOnly ? "ListIdentifiers" : "ListRecords");
            for (HarvestedRecord record : page.records()) {
                if (headersOnly) {
                    header(xml, record, sets);
                } else {
                    record(xml, record, format, sets, baseUrl);
                }
            }
            if (next != null || token != null) {
                xml.start("", NAMESPACE, "resumptionToken")
                        .attribute("completeListSize", Long.toString(Math.max(page.total(), delivered)))
                        .attribute("cursor", Long.toString(page.before()));
                if (next != null) {
                    xml.text(next);
                }
                xml.end();
            }
            xml.end();
        };
    }

    private void record(XmlOut xml, HarvestedRecord record, MetadataFormat format, Sets sets, String baseUrl) {
        xml.start("", NAMESPACE, "record");
        header(xml, record, sets);
        if (!record.deleted()) {
            xml.start("", NAMESPACE, "metadata");
            format.write(xml, record, new RecordContext(origin(baseUrl), sets.collectionsOf(record.id())));
            xml.end();
        }
        xml.end();
    }

    private void header(XmlOut xml, HarvestedRecord record, Sets sets) {
        xml.start("", NAMESPACE, "header");
        if (record.deleted()) {
            xml.attribute("status", "deleted");
        }
        oai(xml, "identifier", identifier(record.id()));
        oai(xml, "datestamp", Datestamps.format(record.datestamp()));
        if (record.type() != null) {
            oai(xml, "setSpec", TYPE_SET + record.type());
        }
        sets.collectionsOf(record.id()).keySet().forEach(slug -> oai(xml, "setSpec", COLLECTION_SET + slug));
        xml.end();
    }

    /** {@code oai:<repository identifier>:<document id>}. */
    String identifier(UUID id) {
        return "oai:" + settings.repositoryIdentifier() + ":" + id;
    }

    private HarvestedRecord record(String identifier) {
        String prefix = "oai:" + settings.repositoryIdentifier() + ":";
        Optional<UUID> id = Optional.empty();
        if (identifier.startsWith(prefix)) {
            try {
                id = Optional.of(UUID.fromString(identifier.substring(prefix.length())));
            } catch (IllegalArgumentException e) {
                id = Optional.empty();
            }
        }
        return id.flatMap(documents::find)
                .orElseThrow(() -> new OaiException(
                        OaiError.ID_DOES_NOT_EXIST,
                        "No record has the identifier " + identifier + "; identifiers here read " + prefix
                                + "<document id>, and ListIdentifiers lists them."));
    }

    private static MetadataFormat format(String prefix) {
        return MetadataFormat.of(prefix)
                .orElseThrow(() -> new OaiException(
                        OaiError.CANNOT_DISSEMINATE_FORMAT,
                        "The metadata format " + prefix + " is not offered; ask for "
                                + List.of(MetadataFormat.values()).stream()
                                        .map(MetadataFormat::prefix)
                                        .collect(Collectors.joining(" or "))
                                + "."));
    }

    @Nullable
    private String typeOf(@Nullable String set) {
        if (set == null || !set.startsWith(TYPE_SET)) {
            return null;
        }
        String type = set.substring(TYPE_SET.length());
        if (!documents.documentTypes().contains(type)) {
            throw noSuchSet(set);
        }
        return type;
    }

    @Nullable
    private HarvestQuery.CollectionFilter collectionOf(@Nullable String set) {
        if (set == null || set.startsWith(TYPE_SET)) {
            return null;
        }
        if (!set.startsWith(COLLECTION_SET)) {
            throw noSuchSet(set);
        }
        String slug = set.substring(COLLECTION_SET.length());
        return collections
                .documentsOfPublic(slug)
                .map(ids -> new HarvestQuery.CollectionFilter(slug, ids))
                .orElseThrow(() -> noSuchSet(set));
    }

    /** A set that does not exist (or is a private collection's, which must not be told apart) holds no record. */
    private static OaiException noSuchSet(String set) {
        return new OaiException(
                OaiError.NO_RECORDS_MATCH, "No record is in the set " + set + "; ListSets lists the sets.");
    }

    /** The public collections of each record: those holding it now, and for a deleted one those that held it. */
    private Sets sets(List<HarvestedRecord> records) {
        List<UUID> ids = records.stream().map(HarvestedRecord::id).toList();
        Map<UUID, List<String>> holding = collections.publicSlugsOf(ids);
        Map<String, String> names = new LinkedHashMap<>();
        collections.publicCollections().forEach(c -> names.put(c.slug(), c.name()));
        Map<UUID, Map<String, String>> of = new LinkedHashMap<>();
        for (HarvestedRecord record : records) {
            Set<String> slugs = new TreeSet<>(holding.getOrDefault(record.id(), List.of()));
            slugs.addAll(record.formerCollections());
            Map<String, String> named = new LinkedHashMap<>();
            for (String slug : slugs) {
                if (names.containsKey(slug)) {
                    named.put(slug, names.get(slug));
                }
            }
            of.put(record.id(), named);
        }
        return new Sets(of);
    }

    /** The public collections of each record of an answer: slug to name. */
    private record Sets(Map<UUID, Map<String, String>> collections) {

        Map<String, String> collectionsOf(UUID id) {
            return collections.getOrDefault(id, Map.of());
        }
    }

    private XmlOut open(Instant now, String baseUrl, @Nullable OaiRequest request) {
        XmlOut xml = new XmlOut().root("", NAMESPACE, "OAI-PMH", SCHEMA);
        oai(xml, "responseDate", Datestamps.format(now));
        xml.start("", NAMESPACE, "request");
        if (request != null) {
            xml.attribute("verb", request.verb().wireName());
            List<String> names = new ArrayList<>(request.arguments().keySet());
            names.sort(null);
            for (String name : names) {
                String value = request.arguments().get(name);
                if (!OaiRequest.IDENTIFIER.equals(name) || isUri(value)) {
                    xml.attribute(name, value);
                }
            }
        }
        return xml.text(baseUrl).end();
    }

    private static boolean isUri(String value) {
        try {
            URI.create(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The portal's address: the base URL without its path. */
    private static URI origin(String baseUrl) {
        return URI.create(baseUrl).resolve("/");
    }

    private static void oai(XmlOut xml, String element, String value) {
        xml.element("", NAMESPACE, element, value);
    }
}
