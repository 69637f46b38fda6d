package dev.hoist.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Entries as one JSON object a line (JSON Lines) or as CSV that spreadsheets open safely. */
public final class AuditFormats {

    static final List<String> COLUMNS = List.of("id", "time", "actor", "actor_token", "action", "namespace", "repository",
            "target", "account", "client_address", "details");

    private AuditFormats() {
    }

    /** One line of JSON (no line break inside: JSON escapes them). */
    public static String jsonLine(AuditEntry e, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        if (e.id() > 0) {
            node.put("id", e.id());
        }
        node.put("time", e.at() == null ? null : e.at().toString());
        node.put("actor", e.actor());
        node.put("actor_token", e.actorToken());
        node.put("action", e.action());
        node.put("namespace", e.namespace());
        node.put("repository", e.repository());
        node.put("target", e.target());
        node.put("account", e.account());
        node.put("client_address", e.clientAddress());
        try {
            node.set("details", json.readTree(e.details() == null ? "{}" : e.details()));
            return json.writeValueAsString(node);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("An audit entry's details are not JSON", ex);
        }
    }

    public static String csvHeader() {
        return String.join(",", COLUMNS) + "\r\n";
    }

    /** One CSV record (RFC 4180, every field quoted), ended by CRLF. */
    public static String csvRow(AuditEntry e) {
        List<String> cells = List.of(String.valueOf(e.id()), e.at() == null ? "" : e.at().toString(), n(e.actor()),
                n(e.actorToken()), n(e.action()), n(e.namespace()), n(e.repository()), n(e.target()), n(e.account()),
                n(e.clientAddress()), n(e.details()));
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            row.append(i == 0 ? "" : ",").append(csvCell(cells.get(i)));
        }
        return row.append("\r\n").toString();
    }

    /**
     * A quoted CSV field that a spreadsheet shows as text: a value starting with {@code = + - @},
     * tab or carriage return would be run as a formula (CSV injection), so it gets a leading
     * apostrophe, as OWASP advises.
     */
    static String csvCell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }

    private static String n(String value) {
        return value == null ? "" : value;
    }
}
