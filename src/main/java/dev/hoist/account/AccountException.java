package dev.hoist.account;

import dev.hoist.web.FormErrors;
import dev.hoist.web.FormException;

/** A request about an account that breaks a rule. */
public class AccountException extends FormException {

    public AccountException(FormErrors errors) {
        super(errors);
    }

    public static AccountException of(String field, String message) {
        return new AccountException(new FormErrors().add(field, message));
    }
}
