package dev.hoist.webhook.pages;

import dev.hoist.model.Account;
import dev.hoist.webhook.WebhookScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /orgs/{org}/settings/webhooks}: the organization's owners only; they hear of all its repositories. */
@Path("/orgs/{org}/settings/webhooks")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class OrgWebhooks extends WebhookPages {

    @PathParam("org")
    String org;

    @Override
    WebhookScope scope(Account me) {
        return webhooks.forOrg(me, org);
    }
}
