package dev.hoist.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.NotFound;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A JSON request body, read field by field: a field of the wrong type, too long, or holding
 * control characters (PostgreSQL takes no NUL) is a field error, never a 500. Collect the fields,
 * then {@link #check()} throws every error at once.
 */
public final class ApiBody {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root;
    private final FieldErrors errors = new FieldErrors();

    private ApiBody(ObjectNode root) {
        this.root = root;
    }

    /** The body, or 400 when it is not a JSON object; an empty body is an empty object. */
    public static ApiBody parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return new ApiBody(JsonNodeFactory.instance.objectNode());
        }
        try {
            JsonNode node = JSON.readTree(raw);
            if (node instanceof ObjectNode object) {
                return new ApiBody(object);
            }
        } catch (JsonProcessingException e) {
            // answered below, without echoing the parser's words
        }
        throw ApiException.badRequest("The body must be a JSON object.");
    }

    public boolean has(String field) {
        return root.hasNonNull(field);
    }

    /** A text field (absent or null: empty); {@code multiline} allows line breaks and tabs. */
    public Optional<String> text(String field, int max, boolean multiline) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            errors.add(field, "Must be a string.");
            return Optional.empty();
        }
        String value = node.asText();
        if (value.length() > max) {
            errors.add(field, "Use at most " + max + " characters.");
            return Optional.empty();
        }
        if (!clean(value, multiline)) {
            errors.add(field, "Must not contain control characters.");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    /** A text field that must be there. */
    public String required(String field, int max) {
        Optional<String> value = text(field, max, false);
        if (value.isEmpty() && !errors.has(field)) {
            errors.add(field, "This field is required.");
        }
        return value.orElse("");
    }

    public Optional<Boolean> bool(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            errors.add(field, "Must be true or false.");
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    /** A whole number that must be there, such as an id. */
    public Long number(String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            errors.add(field, "This field is required.");
            return null;
        }
        if (!node.canConvertToLong() || !node.isIntegralNumber()) {
            errors.add(field, "Must be a whole number.");
            return null;
        }
        return node.longValue();
    }

    /** A list of short texts, such as token scopes. */
    public Optional<List<String>> texts(String field, int maxItems, int maxLength) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isArray() || node.size() > maxItems) {
            errors.add(field, "Must be a list of at most " + maxItems + " strings.");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().length() > maxLength || !clean(item.asText(), false)) {
                errors.add(field, "Must be a list of short strings.");
                return Optional.empty();
            }
            values.add(item.asText());
        }
        return Optional.of(values);
    }

    /** {@code text}, read from {@code field}, as an RFC 3339 time (a token's {@code expires_at}); else a field error and null. */
    public Instant time(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(field, "Give a time such as 2030-01-31T00:00:00Z.");
            return null;
        }
    }

    /** An id from the path: one that is not a UUID names nothing, so it is not found. */
    public static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound();
        }
    }

    public void error(String field, String message) {
        errors.add(field, message);
    }

    /** Throws the field errors found so far, if any (answered 400 by {@link ApiErrors}). */
    public void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static boolean clean(String value, boolean multiline) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowedBreak = multiline && (c == '\n' || c == '\r' || c == '\t');
            if ((c < 0x20 && !allowedBreak) || c == 0x7f || Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(++i)))) {
                return false;
            }
        }
        return true;
    }
}
