package dev.hoist.account;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends the link that verifies an email address, or tells the owner of an address that another
 * account tried to use it; without an SMTP server, writes what it would send to the log.
 */
@ApplicationScoped
public class VerificationMail {

    private static final Logger LOG = Logger.getLogger(VerificationMail.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance verifyEmail(String username, String link);

        static native TemplateInstance addressInUse(String holder, String attemptedBy, String signInLink);

        static native TemplateInstance passwordReset(String username, String link);

        static native TemplateInstance noPassword(String username, String provider, String signInLink);
    }

    /**
     * A stuck SMTP conversation must not hold a sign-up forever; one retry covers the Vert.x mail
     * client's rare loss of a server greeting that arrives at once.
     */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final int ATTEMPTS = 2;

    @Inject
    ReactiveMailer mailer;

    @ConfigProperty(name = "quarkus.mailer.mock")
    boolean noSmtpServer;

    /** @return false when the mail could not be handed to the SMTP server */
    public boolean send(String username, String email, String link) {
        if (noSmtpServer) {
            LOG.infof("No SMTP server is configured. To verify the email address of %s, open: %s", username, link);
            return true;
        }
        return deliver(Mail.withText(email, "Verify your email address for Hoist", Templates.verifyEmail(username, link).render()),
                username);
    }

    /**
     * Tells the owner of {@code email}, the account {@code holder}, that the account {@code attemptedBy}
     * asked to use it: sign-up and the email change answer the same whether an address is taken or
     * not, so only the mailbox learns it.
     */
    public boolean sendAddressInUse(String holder, String attemptedBy, String email, String base) {
        if (noSmtpServer) {
            LOG.infof("No SMTP server is configured. The account %s tried to use the email address of %s; nothing was sent.",
                    attemptedBy, holder);
            return true;
        }
        return deliver(Mail.withText(email, "Someone tried to use your email address on Hoist",
                Templates.addressInUse(holder, attemptedBy, base + "/login").render()), attemptedBy);
    }

    /**
     * Mails a password reset link without waiting for the SMTP server: the page answers before,
     * so how long the answer takes never tells whether an account was found.
     */
    public void sendPasswordResetLater(String username, String email, String link) {
        if (noSmtpServer) {
            LOG.infof("No SMTP server is configured. To reset the password of %s, open: %s", username, link);
            return;
        }
        deliverLater(Mail.withText(email, "Reset your Hoist password", Templates.passwordReset(username, link).render()), username);
    }

    /** Tells the owner of an account made by the identity provider, who asked to reset a password, where to sign in. */
    public void sendNoPasswordLater(String username, String email, String provider, String signInLink) {
        if (noSmtpServer) {
            LOG.infof("No SMTP server is configured. A password reset was asked for %s, which signs in through %s"
                    + " and has no password here; nothing was sent.", username, provider);
            return;
        }
        deliverLater(Mail.withText(email, "Your Hoist account has no password",
                Templates.noPassword(username, provider, signInLink).render()), username);
    }

    private void deliverLater(Mail mail, String username) {
        mailer.send(mail)
                .ifNoItem().after(SEND_TIMEOUT).fail()
                .onFailure().retry().atMost(ATTEMPTS - 1)
                .subscribe().with(sent -> {
                }, e -> LOG.warnf("Could not send the password email for %s: %s", username, e.getMessage()));
    }

    private boolean deliver(Mail mail, String username) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                mailer.send(mail).await().atMost(SEND_TIMEOUT);
                return true;
            } catch (RuntimeException e) {
                LOG.warnf("Could not send the verification email for %s (attempt %d): %s", username, attempt, e.getMessage());
            }
        }
        return false;
    }
}
