package dev.hoist.account;

/** A request about an account that breaks a rule; carries the messages for the form. */
public class AccountException extends RuntimeException {

    private final transient FormErrors errors;

    public AccountException(FormErrors errors) {
        super(String.join("; ", errors.all().values()), null, false, false);
        this.errors = errors;
    }

    public static AccountException of(String field, String message) {
        return new AccountException(new FormErrors().add(field, message));
    }

    public FormErrors errors() {
        return errors;
    }
}
