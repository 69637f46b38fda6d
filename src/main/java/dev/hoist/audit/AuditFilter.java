package dev.hoist.audit;

import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * What a reader of the log narrows it to: an actor (username), an action ({@code repository}
 * matches every {@code repository.*}), a repository ({@code ns/name}), and days from and to
 * (inclusive, UTC). Empty fields narrow nothing. Values are what the form holds, so the page can
 * show them back and build its links from them.
 */
public record AuditFilter(String actor, String action, String repository, String from, String to) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ACTION = Pattern.compile("[a-z_]{1,40}(\\.[a-z_]{1,40})?");
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}(/[a-z0-9][a-z0-9._/-]{0,200})?");

    public static AuditFilter none() {
        return new AuditFilter("", "", "", "", "");
    }

    public AuditFilter {
        actor = clean(actor);
        action = clean(action);
        repository = clean(repository);
        from = clean(from);
        to = clean(to);
    }

    /** Refuses values that could never match, with a message next to the field. */
    public AuditFilter checked() {
        FieldErrors errors = new FieldErrors();
        if (!actor.isEmpty() && !NAME.matcher(actor).matches()) {
            errors.add("actor", "Enter a username.");
        }
        if (!action.isEmpty() && !ACTION.matcher(action).matches()) {
            errors.add("action", "Enter an action such as repository.created, or repository for all of them.");
        }
        if (!repository.isEmpty() && !REPOSITORY.matcher(repository).matches()) {
            errors.add("repository", "Enter a repository name such as team/app.");
        }
        LocalDate start = date(from, "from", errors);
        LocalDate end = date(to, "to", errors);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add("to", "The last day comes before the first.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return this;
    }

    public LocalDate fromDay() {
        return from.isEmpty() ? null : LocalDate.parse(from);
    }

    public LocalDate toDay() {
        return to.isEmpty() ? null : LocalDate.parse(to);
    }

    /** The query string of these filters (values are checked, so they need no escaping beyond '/'). */
    public String query() {
        StringBuilder q = new StringBuilder();
        append(q, "actor", actor);
        append(q, "action", action);
        append(q, "repository", repository);
        append(q, "from", from);
        append(q, "to", to);
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (!value.isEmpty()) {
            q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static LocalDate date(String value, String field, FieldErrors errors) {
        if (value.isEmpty()) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            if (day.getYear() < 2000 || day.getYear() > 9999) {
                errors.add(field, "Enter a day between the years 2000 and 9999.");
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            errors.add(field, "Enter a day as YYYY-MM-DD.");
            return null;
        }
    }

    private static String clean(String value) {
        if (value == null) {
            return "";
        }
        String trimmed = value.trim();
        return trimmed.length() > 300 ? trimmed.substring(0, 300) : trimmed;
    }
}
