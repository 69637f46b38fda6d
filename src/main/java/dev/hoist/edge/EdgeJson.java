package dev.hoist.edge;

/** The registry's error JSON ({@code {"errors":[{"code":…,"message":…}]}}) for refusals made at the edge. */
final class EdgeJson {

    private EdgeJson() {
    }

    static String error(String code, String message) {
        return "{\"errors\":[{\"code\":\"" + escape(code) + "\",\"message\":\"" + escape(message) + "\"}]}";
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
