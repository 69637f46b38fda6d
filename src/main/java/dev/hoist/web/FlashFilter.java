package dev.hoist.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Hands the flash cookie to {@link Flash} and removes it once a page has shown it (or it was garbled). */
public class FlashFilter {

    @Inject
    Flash flash;

    @ServerRequestFilter
    public void read(ContainerRequestContext request) {
        Cookie cookie = request.getCookies().get(Flash.COOKIE);
        if (cookie != null && !cookie.getValue().isEmpty()) {
            flash.received(cookie.getValue());
        }
    }

    @ServerResponseFilter
    public void consume(ContainerResponseContext response) {
        boolean settingNew = response.getHeaders().getOrDefault(HttpHeaders.SET_COOKIE, java.util.List.of()).stream()
                .anyMatch(c -> c.toString().startsWith(Flash.COOKIE + "="));
        if (flash.isSpent() && !settingNew) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, Flash.expired());
        }
    }
}
