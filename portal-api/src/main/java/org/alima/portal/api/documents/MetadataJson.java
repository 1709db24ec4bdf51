package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.alima.portal.api.system.FieldError;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.MalformedJsonException;

/**
 * Reads the metadata that a client sends (an upload's {@code metadata} part, a PUT or PATCH body) and checks it at the
 * door. Stateless and thread-safe.
 *
 * <p>The fields that only the workflow changes are refused with a 400 naming them, rather than ignored: a client that
 * sends {@code "status": "published"} learns at once that this is not how a document is published, instead of
 * reading a 200 as success. Other fields of a document as the API shows it ({@code id}, {@code file}, {@code
 * actions}…) are not metadata either and are ignored, like any unknown field.
 */
@Singleton
final class MetadataJson {

    private static final String MOVES = "cannot be set in the metadata; a document moves with POST"
            + " /api/documents/{id}/submit, /publish, /return and /withdraw";
    private static final String OWNED = "cannot be set; a document belongs to the account that uploaded it";
    private static final String VERSIONED =
            "cannot be set; upload a new version of a document with POST /api/documents/{id}/versions";

    /** The fields that only the workflow changes, with what to do instead. */
    static final Map<String, String> REFUSED = new TreeMap<>(Map.of(
            "status", MOVES,
            "owner", OWNED,
            "ownerId", OWNED,
            "supersedes", VERSIONED,
            "supersedesId", VERSIONED));

    private static final Argument<DocumentMetadata> METADATA = Argument.of(DocumentMetadata.class);

    private final JsonMapper json;
    private final Validator validator;

    MetadataJson(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * The metadata of a multipart part: empty when the part is absent or blank.
     *
     * @throws MalformedJsonException naming {@code part} when it is not a JSON object of the expected shape
     */
    DocumentMetadata part(@Nullable String value, String part) {
        if (value == null || value.isBlank()) {
            return DocumentMetadata.empty();
        }
        JsonNode tree;
        try {
            tree = json.readValue(value, Argument.of(JsonNode.class));
        } catch (IOException | RuntimeException e) {
            throw new MalformedJsonException(part, e);
        }
        if (tree == null || tree.isNull()) {
            return DocumentMetadata.empty();
        }
        refuseWorkflowFields(tree);
        DocumentMetadata metadata;
        try {
            metadata = json.readValueFromTree(tree, METADATA);
        } catch (IOException | RuntimeException e) {
            throw new MalformedJsonException(part, e);
        }
        return valid(metadata == null ? DocumentMetadata.empty() : metadata);
    }

    /**
     * The metadata of a request body that Micronaut has parsed.
     *
     * @throws ConversionErrorException when it is not a JSON object of the expected shape, which the API answers as
     *     Micronaut answers a body it cannot bind (400 {@code malformed-json})
     */
    DocumentMetadata body(JsonNode body) {
        refuseWorkflowFields(body);
        DocumentMetadata metadata;
        try {
            metadata = json.readValueFromTree(body, METADATA);
        } catch (IOException | RuntimeException e) {
            throw new ConversionErrorException(METADATA, e);
        }
        if (metadata == null) {
            throw new ConversionErrorException(
                    METADATA, new IllegalArgumentException("the body must be a JSON object, not null"));
        }
        return valid(metadata);
    }

    private DocumentMetadata valid(DocumentMetadata metadata) {
        Set<ConstraintViolation<DocumentMetadata>> violations = validator.validate(metadata);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        metadata.checkCodes();
        return metadata;
    }

    private static void refuseWorkflowFields(JsonNode tree) {
        if (!tree.isObject()) {
            return; // the binding that follows reports the wrong shape
        }
        List<FieldError> refused = new ArrayList<>();
        REFUSED.forEach((field, message) -> {
            JsonNode value = tree.get(field);
            if (value != null && !value.isNull()) {
                refused.add(new FieldError(field, message));
            }
        });
        if (!refused.isEmpty()) {
            throw new InvalidInputException(refused);
        }
    }
}
