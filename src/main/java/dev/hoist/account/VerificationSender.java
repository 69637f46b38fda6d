package dev.hoist.account;

import dev.hoist.HoistConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;

/** Starts a verification of the account's address and mails the link to it. */
@ApplicationScoped
public class VerificationSender {

    @Inject
    AccountService accounts;

    @Inject
    VerificationMail mail;

    @Inject
    HoistConfig config;

    /** @return false when the mail could not be sent */
    public boolean send(Account account, UriInfo uri) {
        String token = accounts.startVerification(account);
        String base = config.baseUrl().orElse(uri.getBaseUri().toString());
        String link = base.replaceAll("/+$", "") + "/verify-email?token=" + token;
        return mail.send(account.username(), account.email, link);
    }
}
