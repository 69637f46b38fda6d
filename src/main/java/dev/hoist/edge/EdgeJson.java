package dev.hoist.edge;

/**
 * Refusals written at the edge, before Hoist's pages exist for the request: the registry's error
 * JSON ({@code {"errors":[{"code":…,"message":…}]}}) and a plain page in the site's style.
 */
final class EdgeJson {

    private EdgeJson() {
    }

    static String error(String code, String message) {
        return "{\"errors\":[{\"code\":\"" + escape(code) + "\",\"message\":\"" + escape(message) + "\"}]}";
    }

    /** A stand-alone error page (no layout: the request never reached the page machinery). Messages are Hoist's own. */
    static String page(int status, String message) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bad request · Hoist</title>"
                + "<link rel=\"stylesheet\" href=\"/static/css/hoist.css\"></head><body><main id=\"main\">"
                + "<section class=\"card narrow error-page\"><p class=\"status\">" + status + "</p><h1>Bad request</h1><p>"
                + escape(message) + "</p><p><a href=\"/\" class=\"button\">Go to the home page</a></p></section></main></body></html>\n";
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
