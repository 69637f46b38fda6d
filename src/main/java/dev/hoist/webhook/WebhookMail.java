package dev.hoist.webhook;

import dev.hoist.model.Webhook;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.jboss.logging.Logger;

/** Tells a webhook's owners that Hoist switched it off (the repository's or organization's owners). */
@ApplicationScoped
public class WebhookMail {

    private static final Logger LOG = Logger.getLogger(WebhookMail.class);

    @Inject
    Mailer mailer;

    @Inject
    EntityManager em;

    @Inject
    Links links;

    public void switchedOff(Webhook webhook) {
        List<String> to = QuarkusTransaction.requiringNew().call(() -> owners(webhook));
        String where = QuarkusTransaction.requiringNew().call(() -> WebhookScope.of(webhook).label());
        String text = """
                Hoist switched off the webhook "%s" of %s: every delivery to %s failed for a long time.

                Its delivery log says why. Switch it back on from its page when the receiver works again:
                %s
                """.formatted(webhook.name, where, webhook.url, links.base() + QuarkusTransaction.requiringNew()
                .call(() -> WebhookScope.of(webhook).webhookPath(webhook.id)));
        for (String address : to) {
            try {
                mailer.send(Mail.withText(address, "Your webhook \"" + webhook.name + "\" was switched off", text));
            } catch (RuntimeException e) {
                LOG.warnf("Could not mail %s about the switched-off webhook %d: %s", address, webhook.id, e.getMessage());
            }
        }
        LOG.infof("Switched off webhook %d (%s) after continuous failures; told %d owner(s).", webhook.id, where, to.size());
    }

    /** Verified addresses of the user who owns the repository, or of the organization's owners team. */
    private List<String> owners(Webhook webhook) {
        @SuppressWarnings("unchecked")
        List<String> emails = em.createNativeQuery("""
                SELECT DISTINCT a.email FROM accounts a WHERE a.email_verified AND (
                  a.namespace_id = (SELECT r.namespace_id FROM repositories r WHERE r.id = ?1)
                  OR a.id IN (SELECT m.account_id FROM team_members m JOIN teams t ON t.id = m.team_id
                              JOIN organizations o ON o.id = t.organization_id
                              WHERE t.name = 'owners' AND (o.id = ?2
                                OR o.namespace_id = (SELECT r.namespace_id FROM repositories r WHERE r.id = ?1))))""")
                .setParameter(1, webhook.repositoryId == null ? -1L : webhook.repositoryId)
                .setParameter(2, webhook.organizationId == null ? -1L : webhook.organizationId)
                .getResultList();
        return emails;
    }
}
