package dev.hoist.webhook;

import java.util.List;

/** A webhook as typed in its form. */
public record WebhookForm(String name, String url, List<String> events, String format, boolean active) {

    public WebhookForm {
        events = events == null ? List.of() : List.copyOf(events);
    }

    public boolean wants(String key) {
        return events.contains(key);
    }

    /** An empty form: pushes, Docker Hub's format. */
    public static WebhookForm blank() {
        return new WebhookForm("", "", List.of(WebhookEvent.IMAGE_PUSHED.key()), Payloads.DOCKER_HUB, true);
    }
}
