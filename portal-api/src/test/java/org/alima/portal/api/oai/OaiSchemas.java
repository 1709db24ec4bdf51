package org.alima.portal.api.oai;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The OAI-PMH 2.0 response schema with the schemas of both metadata formats (oai_dc and MODS 3.8), from the test
 * resources under {@code oai-schemas/} (their origin is in the README there), validated with the JDK's
 * javax.xml.validation. Every {@code schemaLocation} resolves to a local file: validation never reaches the network.
 * Thread-safe.
 */
final class OaiSchemas {

    /** The published address of each schema, and the file of this project that holds it. */
    private static final Map<String, String> LOCAL = Map.of(
            "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd", "OAI-PMH.xsd",
            "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "oai_dc.xsd",
            "http://dublincore.org/schemas/xmls/simpledc20021212.xsd", "simpledc20021212.xsd",
            "http://www.w3.org/2001/03/xml.xsd", "xml.xsd",
            "http://www.w3.org/2001/xml.xsd", "xml.xsd",
            "http://www.loc.gov/mods/xml.xsd", "xml.xsd",
            "http://www.loc.gov/standards/xlink/xlink.xsd", "xlink.xsd",
            "http://www.loc.gov/standards/mods/v3/mods-3-8.xsd", "mods-3-8.xsd");

    private static final Schema SCHEMA = load();

    private OaiSchemas() {}

    /**
     * Parses the answer and validates it.
     *
     * @throws AssertionError naming every violation, with its line and column
     */
    static Document validate(String xml) {
        Document document = parse(xml);
        Validator validator = SCHEMA.newValidator();
        List<String> errors = new ArrayList<>();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {}

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + " " + e.getMessage());
            }
        });
        try {
            validator.validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        } catch (SAXException e) {
            errors.add(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw new AssertionError("The answer is not valid OAI-PMH: " + errors + "\n" + xml);
        }
        return document;
    }

    /** Parses an answer, namespace-aware, without validating it. */
    static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("The answer is not well-formed XML: " + e.getMessage() + "\n" + xml, e);
        }
    }

    private static Schema load() {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        factory.setResourceResolver(new Local());
        try {
            return factory.newSchema(new StreamSource[] {
                source("OAI-PMH.xsd", "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"),
                source("oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"),
                source("mods-3-8.xsd", "http://www.loc.gov/standards/mods/v3/mods-3-8.xsd")
            });
        } catch (SAXException e) {
            throw new IllegalStateException("Cannot load the OAI-PMH schemas", e);
        }
    }

    private static StreamSource source(String file, String systemId) {
        return new StreamSource(open(file), systemId);
    }

    private static InputStream open(String file) {
        URL resource = OaiSchemas.class.getClassLoader().getResource("oai-schemas/" + file);
        if (resource == null) {
            throw new IllegalStateException("No test resource oai-schemas/" + file);
        }
        try {
            return resource.openStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resolves the published address of each schema to its local copy; refuses any other. */
    private static final class Local implements LSResourceResolver {
        @Override
        public LSInput resolveResource(
                String type, String namespace, String publicId, String systemId, String baseUri) {
            String file = LOCAL.get(systemId);
            if (file == null) {
                throw new IllegalStateException("A schema names " + systemId + ", which has no local copy");
            }
            return new Input(systemId, publicId, open(file));
        }
    }

    private record Input(String systemId, String publicId, InputStream stream) implements LSInput {
        @Override
        public Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(Reader characterStream) {}

        @Override
        public InputStream getByteStream() {
            return stream;
        }

        @Override
        public void setByteStream(InputStream byteStream) {}

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {}

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {}

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(String publicId) {}

        @Override
        public String getBaseURI() {
            return null;
        }

        @Override
        public void setBaseURI(String baseURI) {}

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {}

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {}
    }
}
