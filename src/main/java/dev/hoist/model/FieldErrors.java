package dev.hoist.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** Messages for a form, keyed by field name, shown next to the fields. */
public class FieldErrors {

    private final Map<String, String> byField = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        byField.putIfAbsent(field, message);
        return this;
    }

    public boolean isEmpty() {
        return byField.isEmpty();
    }

    public boolean has(String field) {
        return byField.containsKey(field);
    }

    public String get(String field) {
        return byField.get(field);
    }

    public Map<String, String> all() {
        return byField;
    }
}
