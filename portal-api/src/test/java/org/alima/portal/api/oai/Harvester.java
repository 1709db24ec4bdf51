package org.alima.portal.api.oai;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * An OAI-PMH harvester for tests, as BASE or CORE harvest: it follows resumption tokens to the end of a list, and
 * validates every answer against the schemas (and checks its HTTP status and media type) before reading it.
 */
final class Harvester {

    static final String OAI = "http://www.openarchives.org/OAI/2.0/";

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Harvester(URI server) {
        this.base = server.resolve("/oai");
    }

    /** A GET with the arguments given as {@code name, value, name, value…}, validated. */
    Document get(String... arguments) {
        return validated(send(HttpRequest.newBuilder(URI.create(base + "?" + form(arguments)))
                .GET()
                .build()));
    }

    /** The same request as a POST of a form. */
    Document post(String... arguments) {
        return validated(send(HttpRequest.newBuilder(base)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(arguments)))
                .build()));
    }

    /** A GET whose query is given as is (to send what a form encoder would not, such as a repeated argument). */
    Document getRaw(String query) {
        return validated(send(
                HttpRequest.newBuilder(URI.create(base + "?" + query)).GET().build()));
    }

    /**
     * Every header of a list (ListIdentifiers or ListRecords), following its resumption tokens, by identifier; checks
     * that each page's cursor counts the records sent before it and that the last page's token is empty.
     */
    Map<String, Header> list(String verb, String... arguments) {
        Map<String, Header> headers = new LinkedHashMap<>();
        List<String> first = new ArrayList<>(List.of("verb", verb));
        first.addAll(List.of(arguments));
        Document page = get(first.toArray(String[]::new));
        if (!errorCode(page).isEmpty()) {
            assertThat(errorCode(page)).as("the only error a list may answer").isEqualTo("noRecordsMatch");
            return headers;
        }
        int sent = 0;
        while (true) {
            List<Header> found = headers(page);
            assertThat(found).as("a page of a list holds at least one record").isNotEmpty();
            Element token = first(page, "resumptionToken");
            if (token != null) {
                assertThat(Long.parseLong(token.getAttribute("cursor")))
                        .as("cursor: records sent before this page")
                        .isEqualTo(sent);
                assertThat(Long.parseLong(token.getAttribute("completeListSize")))
                        .isGreaterThanOrEqualTo(sent + found.size());
            }
            sent += found.size();
            found.forEach(header -> headers.put(header.identifier(), header));
            if (token == null || token.getTextContent().isEmpty()) {
                return headers;
            }
            page = get("verb", verb, "resumptionToken", token.getTextContent());
        }
    }

    /** The headers of a ListIdentifiers, ListRecords or GetRecord answer. */
    static List<Header> headers(Document answer) {
        List<Header> headers = new ArrayList<>();
        NodeList nodes = answer.getElementsByTagNameNS(OAI, "header");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element header = (Element) nodes.item(i);
            List<String> sets = new ArrayList<>();
            NodeList specs = header.getElementsByTagNameNS(OAI, "setSpec");
            for (int s = 0; s < specs.getLength(); s++) {
                sets.add(specs.item(s).getTextContent());
            }
            headers.add(new Header(
                    text(header, "identifier"),
                    text(header, "datestamp"),
                    "deleted".equals(header.getAttribute("status")),
                    sets));
        }
        return headers;
    }

    /** The code of the answer's error, or empty. */
    static String errorCode(Document answer) {
        Element error = first(answer, "error");
        return error == null ? "" : error.getAttribute("code");
    }

    static Element first(Document answer, String name) {
        NodeList nodes = answer.getElementsByTagNameNS(OAI, name);
        return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
    }

    static String text(Document answer, String name) {
        Element element = first(answer, name);
        return element == null ? null : element.getTextContent();
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS(OAI, name).item(0).getTextContent();
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Document validated(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        return OaiSchemas.validate(response.body());
    }

    private static String form(String... arguments) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < arguments.length; i += 2) {
            if (!form.isEmpty()) {
                form.append('&');
            }
            form.append(URLEncoder.encode(arguments[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(arguments[i + 1], StandardCharsets.UTF_8));
        }
        return form.toString();
    }

    /** One record's header as harvested. */
    record Header(String identifier, String datestamp, boolean deleted, List<String> sets) {}
}
