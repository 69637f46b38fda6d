package dev.hoist.account;

import java.util.List;
import java.util.Map;

/** A short name for the browser and system a User-Agent header describes, as sessions are listed. */
public final class Devices {

    // Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari", Android says "Linux".
    private static final List<Map.Entry<String, String>> BROWSERS = List.of(
            Map.entry("Edg/", "Edge"), Map.entry("OPR/", "Opera"), Map.entry("Firefox/", "Firefox"),
            Map.entry("Chromium/", "Chromium"), Map.entry("Chrome/", "Chrome"), Map.entry("Safari/", "Safari"),
            Map.entry("curl/", "curl"));
    private static final List<Map.Entry<String, String>> SYSTEMS = List.of(
            Map.entry("Android", "Android"), Map.entry("iPhone", "iOS"), Map.entry("iPad", "iPadOS"),
            Map.entry("Windows", "Windows"), Map.entry("Mac OS X", "macOS"), Map.entry("CrOS", "ChromeOS"),
            Map.entry("Linux", "Linux"));

    private Devices() {
    }

    public static String describe(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return "Unknown device";
        }
        String browser = first(BROWSERS, userAgent);
        String system = first(SYSTEMS, userAgent);
        if (browser == null && system == null) {
            return userAgent.length() > 40 ? userAgent.substring(0, 40) + "…" : userAgent;
        }
        if (browser == null || system == null) {
            return browser == null ? system : browser;
        }
        return browser + " on " + system;
    }

    private static String first(List<Map.Entry<String, String>> names, String userAgent) {
        return names.stream().filter(e -> userAgent.contains(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
