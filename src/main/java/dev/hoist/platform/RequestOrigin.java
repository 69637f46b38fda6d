package dev.hoist.platform;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import jakarta.enterprise.context.RequestScoped;

/**
 * Where the request being served comes from: the client address as Hoist determines it (the edge,
 * with forwarded headers when configured) and, when a personal access token acts, its label. The
 * edge fills it in; the audit log reads it. Background work has no request: {@link #current} is
 * then empty.
 */
@RequestScoped
public class RequestOrigin {

    private String address;
    private String tokenLabel;
    private boolean organizationToken;

    public void address(String address) {
        this.address = address;
    }

    public String address() {
        return address;
    }

    /** A personal access token acts in this request: its description, or what is known of it. */
    public void actingToken(String label) {
        this.tokenLabel = label;
    }

    /** An organization access token acts in this request, in no person's name: its label and id. */
    public void actingOrganizationToken(String label) {
        this.tokenLabel = label;
        this.organizationToken = true;
    }

    /** Whether the acting token is an organization's (then the actor is the token alone). */
    public boolean isOrganizationToken() {
        return organizationToken;
    }

    public String tokenLabel() {
        return tokenLabel;
    }

    /** This request's origin, or null outside any request (scheduled jobs, start-up). */
    public static RequestOrigin current() {
        InjectableContext context = Arc.container().requestContext();
        if (context == null || !context.isActive()) {
            return null;
        }
        return Arc.container().instance(RequestOrigin.class).get();
    }
}
