package dev.hoist.account;

import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;

/** A request about an account that breaks a rule. */
public class AccountException extends InvalidInputException {

    public AccountException(FieldErrors errors) {
        super(errors);
    }

    public static AccountException of(String field, String message) {
        return new AccountException(new FieldErrors().add(field, message));
    }
}
