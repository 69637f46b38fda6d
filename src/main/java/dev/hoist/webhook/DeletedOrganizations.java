package dev.hoist.webhook;

import dev.hoist.model.events.OrganizationDeleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * An organization's webhooks go with it, in the transaction that deletes it (its row stays, with
 * its name reserved, so no cascade would take them); their queued deliveries follow by cascade.
 */
@ApplicationScoped
public class DeletedOrganizations {

    @Inject
    EntityManager em;

    void on(@Observes OrganizationDeleted event) {
        em.createNativeQuery("""
                DELETE FROM webhooks WHERE organization_id =
                  (SELECT o.id FROM organizations o JOIN namespaces n ON n.id = o.namespace_id WHERE n.name = ?1)
                """).setParameter(1, event.organization()).executeUpdate();
    }
}
