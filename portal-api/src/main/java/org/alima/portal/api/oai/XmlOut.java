package org.alima.portal.api.oai;

import io.micronaut.core.annotation.Nullable;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An XML document written element by element into memory, with the JDK's StAX writer doing the escaping; not
 * thread-safe, one per answer. Writing into memory cannot fail, so StAX's checked exception becomes an
 * {@link IllegalStateException} (a bug, if ever).
 */
final class XmlOut {

    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final StringWriter text = new StringWriter();
    private final XMLStreamWriter out;

    XmlOut() {
        try {
            out = FACTORY.createXMLStreamWriter(text);
            out.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** Opens an element; {@code prefix} empty for the default namespace. */
    XmlOut start(String prefix, String namespace, String name) {
        try {
            out.writeStartElement(prefix, name, namespace);
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** Declares a namespace on the element just opened. */
    XmlOut namespace(String prefix, String namespace) {
        try {
            if (prefix.isEmpty()) {
                out.writeDefaultNamespace(namespace);
            } else {
                out.writeNamespace(prefix, namespace);
            }
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** Opens the root element of a schema's content, declaring its namespace and where its schema lives. */
    XmlOut root(String prefix, String namespace, String name, String schema) {
        start(prefix, namespace, name).namespace(prefix, namespace).namespace("xsi", XSI);
        return attribute("xsi", XSI, "schemaLocation", namespace + " " + schema);
    }

    XmlOut attribute(String name, @Nullable String value) {
        if (value == null) {
            return this;
        }
        try {
            out.writeAttribute(name, value);
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    XmlOut attribute(String prefix, String namespace, String name, String value) {
        try {
            out.writeAttribute(prefix, namespace, name, value);
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    XmlOut text(String value) {
        try {
            out.writeCharacters(value);
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** An element holding {@code value}; nothing when the value is null. */
    XmlOut element(String prefix, String namespace, String name, @Nullable String value) {
        if (value == null) {
            return this;
        }
        return start(prefix, namespace, name).text(value).end();
    }

    XmlOut end() {
        try {
            out.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    /** The document, every element closed. */
    String finish() {
        try {
            out.writeEndDocument();
            out.close();
            return text.toString();
        } catch (XMLStreamException e) {
            throw failed(e);
        }
    }

    private static IllegalStateException failed(XMLStreamException e) {
        return new IllegalStateException("Cannot write XML into memory", e);
    }
}
