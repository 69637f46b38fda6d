package dev.hoist.webhook.pages;

import dev.hoist.model.Account;
import dev.hoist.webhook.WebhookScope;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code /r/{namespace}/{name}/settings/webhooks}: the repository's Admins only. */
@Path("/r/{namespace}/{name}/settings/webhooks")
@Produces(MediaType.TEXT_HTML)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
public class RepoWebhooks extends WebhookPages {

    @PathParam("namespace")
    String namespace;

    @PathParam("name")
    String name;

    @Override
    WebhookScope scope(Account me) {
        return webhooks.forRepo(me, namespace, name);
    }
}
