package dev.hoist.webhook.pages;

import dev.hoist.auth.CurrentUser;
import dev.hoist.model.Account;
import dev.hoist.model.FieldErrors;
import dev.hoist.model.InvalidInputException;
import dev.hoist.model.Webhook;
import dev.hoist.model.WebhookDelivery;
import dev.hoist.webhook.WebhookEvent;
import dev.hoist.webhook.WebhookForm;
import dev.hoist.webhook.WebhookScope;
import dev.hoist.webhook.WebhookService;
import dev.hoist.web.Paths;
import dev.hoist.web.Redirects;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The webhook pages of a repository's or an organization's settings: the list with the form for a
 * new one, and each webhook's page with its edit form and delivery log. {@link RepoWebhooks} and
 * {@link OrgWebhooks} say only whose webhooks they are; anyone who may not manage them gets 404.
 */
public abstract class WebhookPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(WebhookScope scope, List<Webhook> webhooks, WebhookForm form,
                List<WebhookEvent> offered, FieldErrors errors, String newSecret, Webhook created);

        static native TemplateInstance webhook(WebhookScope scope, Webhook webhook, WebhookForm form,
                List<WebhookEvent> offered, List<WebhookDelivery> deliveries, FieldErrors errors);
    }

    @Inject
    CurrentUser currentUser;

    @Inject
    WebhookService webhooks;

    /** The scope, after the service checked the caller may manage it (404 otherwise). */
    abstract WebhookScope scope(Account me);

    @GET
    public TemplateInstance list() {
        WebhookScope scope = scope(currentUser.require());
        return listPage(scope, WebhookForm.blank(), new FieldErrors(), null, null);
    }

    /** The secret is rendered in this response only (not stored in clear, never cached), not after a redirect. */
    @POST
    public Response create(@FormParam("name") String name, @FormParam("url") String url,
            @FormParam("events") List<String> events, @FormParam("format") String format) {
        Account me = currentUser.require();
        WebhookScope scope = scope(me);
        WebhookForm form = new WebhookForm(name, url, events, format, true);
        try {
            WebhookService.Created created = webhooks.create(me, scope, form);
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            return Response.ok(listPage(scope, WebhookForm.blank(), new FieldErrors(), created.secret(), created.webhook()))
                    .cacheControl(noStore).build();
        } catch (InvalidInputException e) {
            return Response.status(400).entity(listPage(scope, form, e.errors(), null, null)).build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance show(@PathParam("id") long id) {
        WebhookScope scope = scope(currentUser.require());
        Webhook webhook = webhooks.get(scope, id);
        return webhookPage(scope, webhook, formOf(webhook), new FieldErrors());
    }

    @POST
    @Path("{id}")
    public Response update(@PathParam("id") long id, @FormParam("name") String name, @FormParam("url") String url,
            @FormParam("events") List<String> events, @FormParam("format") String format,
            @FormParam("active") String active) {
        Account me = currentUser.require();
        WebhookScope scope = scope(me);
        WebhookForm form = new WebhookForm(name, url, events, format, "on".equals(active) || "true".equals(active));
        try {
            webhooks.update(me, scope, id, form);
            return Redirects.to(Paths.webhook(scope, id), "Webhook saved.");
        } catch (InvalidInputException e) {
            return Response.status(400).entity(webhookPage(scope, webhooks.get(scope, id), form, e.errors())).build();
        }
    }

    @POST
    @Path("{id}/delete")
    public Response delete(@PathParam("id") long id) {
        Account me = currentUser.require();
        WebhookScope scope = scope(me);
        webhooks.delete(me, scope, id);
        return Redirects.to(Paths.webhooks(scope), "Webhook deleted.");
    }

    @POST
    @Path("{id}/test")
    public Response test(@PathParam("id") long id) {
        Account me = currentUser.require();
        WebhookScope scope = scope(me);
        try {
            webhooks.sendTest(me, scope, id);
            return Redirects.to(Paths.webhook(scope, id), "A test event is on its way; reload to see it in the log.");
        } catch (InvalidInputException e) {
            return Response.status(429).entity(webhookPage(scope, webhooks.get(scope, id), null, e.errors())).build();
        }
    }

    @POST
    @Path("{id}/deliveries/{delivery}/redeliver")
    public Response redeliver(@PathParam("id") long id, @PathParam("delivery") long delivery) {
        WebhookScope scope = scope(currentUser.require());
        try {
            webhooks.redeliver(scope, id, delivery);
            return Redirects.to(Paths.webhook(scope, id), "The delivery is queued again; reload to see it in the log.");
        } catch (InvalidInputException e) {
            return Response.status(429).entity(webhookPage(scope, webhooks.get(scope, id), null, e.errors())).build();
        }
    }

    private TemplateInstance listPage(WebhookScope scope, WebhookForm form, FieldErrors errors, String secret, Webhook created) {
        return Templates.list(scope, webhooks.list(scope), form, WebhookEvent.offered(scope.isOrganization()), errors, secret,
                created);
    }

    private TemplateInstance webhookPage(WebhookScope scope, Webhook webhook, WebhookForm form, FieldErrors errors) {
        return Templates.webhook(scope, webhook, form != null ? form : formOf(webhook), WebhookEvent.offered(scope.isOrganization()),
                webhooks.deliveries(scope, webhook.id), errors);
    }

    private static WebhookForm formOf(Webhook webhook) {
        return new WebhookForm(webhook.name, webhook.url, webhook.eventKeys(), webhook.format, webhook.active);
    }
}
