package dev.hoist.account;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Sends the link that verifies an email address; without an SMTP server, writes it to the log. */
@ApplicationScoped
public class VerificationMail {

    private static final Logger LOG = Logger.getLogger(VerificationMail.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance verifyEmail(String username, String link);
    }

    @Inject
    Mailer mailer;

    @ConfigProperty(name = "quarkus.mailer.mock")
    boolean noSmtpServer;

    /** @return false when the mail could not be handed to the SMTP server */
    public boolean send(String username, String email, String link) {
        if (noSmtpServer) {
            LOG.infof("No SMTP server is configured. To verify the email address of %s, open: %s", username, link);
            return true;
        }
        try {
            mailer.send(Mail.withText(email, "Verify your email address for Hoist",
                    Templates.verifyEmail(username, link).render()));
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Could not send the verification email for %s: %s", username, e.getMessage());
            return false;
        }
    }
}
