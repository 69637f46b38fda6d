package dev.hoist.web;

import dev.hoist.quota.QuotaExceededException;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;

/** A form refused by a quota: the page again with the message next to the field; 429 and Retry-After when it lifts by itself. */
public final class QuotaResponses {

    private QuotaResponses() {
    }

    public static Response refused(TemplateInstance page, QuotaExceededException e) {
        if (e.retryAfter().isEmpty()) {
            return Response.status(400).entity(page).build();
        }
        return Response.status(429).header("Retry-After", e.retryAfterSeconds()).entity(page).build();
    }
}
