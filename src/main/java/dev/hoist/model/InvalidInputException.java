package dev.hoist.model;

/** A form that breaks a rule; carries the messages to show next to its fields. */
public class InvalidInputException extends RuntimeException {

    private final transient FieldErrors errors;

    public InvalidInputException(FieldErrors errors) {
        super(String.join("; ", errors.all().values()), null, false, false);
        this.errors = errors;
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(new FieldErrors().add(field, message));
    }

    public FieldErrors errors() {
        return errors;
    }
}
