package dev.hoist.registry;

/**
 * Text that arrives in a registry request (names, tags, scopes, manifest fields) and goes to
 * PostgreSQL, which refuses NUL bytes, or into an error message.
 */
public final class RegistryText {

    private RegistryText() {
    }

    /** At most {@code max} characters, none of them a control character (NUL included). */
    public static boolean printable(String value, int max) {
        if (value.length() > max) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A bad value as an error message may quote it: short, with control characters escaped. */
    public static String shown(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 100; i++) {
            char c = value.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 100 ? out + "…" : out.toString();
    }
}
