package dev.hoist.web;

import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.regex.Pattern;

/** The end of a successful form: 303 See Other to a page, with an optional flash message. */
public final class Redirects {

    private static final Pattern LOCAL_PATH = Pattern.compile("/[A-Za-z0-9/_.~%?=&-]*");

    private Redirects() {
    }

    public static Response.ResponseBuilder to(String path) {
        return Response.seeOther(URI.create(path));
    }

    public static Response to(String path, String flashMessage, NewCookie... cookies) {
        Response.ResponseBuilder builder = to(path).cookie(Flash.cookie(flashMessage));
        return builder.cookie(cookies).build();
    }

    /** A local path to return to after signing in; anything else (other hosts, {@code //x}) goes home. */
    public static String safeNext(String next) {
        if (next == null || !LOCAL_PATH.matcher(next).matches() || next.startsWith("//")) {
            return "/";
        }
        return next;
    }
}
