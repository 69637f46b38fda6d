package dev.hoist.web;

/** A form that breaks a rule; carries the messages to show next to its fields. */
public class FormException extends RuntimeException {

    private final transient FormErrors errors;

    public FormException(FormErrors errors) {
        super(String.join("; ", errors.all().values()), null, false, false);
        this.errors = errors;
    }

    public static FormException of(String field, String message) {
        return new FormException(new FormErrors().add(field, message));
    }

    public FormErrors errors() {
        return errors;
    }
}
