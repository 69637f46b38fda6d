package dev.hoist.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Reads the session cookie into {@link CurrentUser}, and clears a cookie that no longer works. */
public class SessionFilter {

    @Inject
    SessionCookie sessionCookie;

    @Inject
    CurrentUser currentUser;

    @ServerRequestFilter
    public void readSession(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(SessionCookie.NAME);
        if (cookie != null) {
            sessionCookie.read(cookie.getValue()).ifPresentOrElse(currentUser::useSession,
                    () -> request.setProperty("hoist.clear-session", true));
        }
    }

    @ServerResponseFilter
    public void clearBrokenSession(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 500) {
            // A failure (the database down, say) tells nothing about the cookie, and asking would fail again.
            return;
        }
        boolean unreadable = request.getProperty("hoist.clear-session") != null;
        if ((unreadable || currentUser.isStale()) && !response.getHeaders().containsKey(HttpHeaders.SET_COOKIE)) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, sessionCookie.clear());
        }
    }
}
