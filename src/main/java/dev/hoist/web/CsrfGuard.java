package dev.hoist.web;

import dev.hoist.platform.HoistConfig;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Every request that may change something (any method but GET, HEAD, OPTIONS), whatever its
 * content type or body, must carry this browser's {@link CsrfToken} in the form field or the
 * {@value CsrfToken#HEADER} header, and must not come from another origin. Another port of the
 * same host is same-site but not same-origin, and cookies ignore ports: both are refused.
 * The registry ({@code /v2/…}, {@code /token}) is exempt: its clients send Basic or Bearer
 * credentials, never cookies, so a forged request there carries nobody's authority. So is a
 * webhook receiver's callback ({@code /hooks/callback/…}): its unguessable delivery id is its key.
 */
public class CsrfGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CsrfToken csrf;

    @Inject
    HoistConfig config;

    @WithFormRead
    @ServerRequestFilter
    public Response check(ResteasyReactiveContainerRequestContext request, RoutingContext routing) {
        HttpServerRequest http = routing.request();
        // The normalized path is the one routed: "/v2/../orgs/…" must not pass as the registry.
        if (SAFE.contains(request.getMethod()) || isRegistry(routing.normalizedPath())) {
            return null;
        }
        if (fromAnotherOrigin(http)) {
            return refusal();
        }
        String sent = request.getHeaderString(CsrfToken.HEADER);
        if (sent == null) {
            Object field = ((ResteasyReactiveRequestContext) request.getServerRequestContext())
                    .getFormParameter(CsrfToken.FIELD, true, false);
            sent = field instanceof String text ? text : null;
        }
        return csrf.matches(sent) ? null : refusal();
    }

    static boolean isRegistry(String path) {
        return path.equals("/v2") || path.startsWith("/v2/") || path.equals("/token") || path.startsWith("/hooks/callback/");
    }

    /** What the browser says about where the request comes from (Sec-Fetch-Site, else Origin). */
    private boolean fromAnotherOrigin(HttpServerRequest http) {
        String site = http.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = http.getHeader("Origin");
        if (origin == null) {
            return false; // not a browser, or an old one: the token alone decides
        }
        return !sameOrigin(origin, http.authority()) && !config.baseUrl().map(base -> sameOrigin(origin, base)).orElse(false);
    }

    private static boolean sameOrigin(String origin, HostAndPort host) {
        if (host == null) {
            return false;
        }
        String name = host.host().contains(":") && !host.host().startsWith("[") ? "[" + host.host() + "]" : host.host();
        return sameOrigin(origin, "http://" + name + (host.port() < 0 ? "" : ":" + host.port()), true);
    }

    private static boolean sameOrigin(String origin, String baseUrl) {
        return sameOrigin(origin, baseUrl, false);
    }

    /** Same host and port; {@code anyScheme} for the Host header, which names no scheme (TLS may end at a proxy). */
    private static boolean sameOrigin(String origin, String other, boolean anyScheme) {
        try {
            URI a = new URI(origin);
            URI b = new URI(other);
            if (a.getHost() == null || b.getHost() == null || (!anyScheme && !a.getScheme().equalsIgnoreCase(b.getScheme()))) {
                return false;
            }
            int defaultPort = "https".equalsIgnoreCase(a.getScheme()) ? 443 : 80;
            return a.getHost().equalsIgnoreCase(b.getHost())
                    && (a.getPort() < 0 ? defaultPort : a.getPort()) == (b.getPort() < 0 ? defaultPort : b.getPort());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Response refusal() {
        return ErrorPages.page(403, "This form has expired",
                "The form was not sent from this page of Hoist, or it was open too long. Go back, reload the page and try again.");
    }
}
