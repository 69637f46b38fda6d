package dev.hoist.web;

import dev.hoist.auth.CurrentUser;
import dev.hoist.auth.SessionCookie;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Clears a session cookie that names no live session (ended, expired, forged or garbled). */
public class SessionFilter {

    @Inject
    SessionCookie sessionCookie;

    @Inject
    CurrentUser currentUser;

    @ServerResponseFilter
    public void clearDeadSession(ContainerResponseContext response) {
        if (response.getStatus() >= 500) {
            // A failure (the database down, say) tells nothing about the cookie, and asking would fail again.
            return;
        }
        if (currentUser.hasDeadCookie() && !sets(response, SessionCookie.NAME)) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, sessionCookie.clear());
        }
    }

    /** True if the response already sets the cookie {@code name} (a sign-in or sign-out). */
    static boolean sets(ContainerResponseContext response, String name) {
        return response.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, java.util.List.of()).stream()
                .anyMatch(c -> c instanceof jakarta.ws.rs.core.Cookie cookie ? cookie.getName().equals(name)
                        : c.toString().startsWith(name + "="));
    }
}
