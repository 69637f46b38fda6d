package dev.hoist.webhook;

import dev.hoist.model.Webhook;
import dev.hoist.model.WebhookDelivery;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Webhooks made through their pages, as their owners make them, and their log read back. */
final class Hooks {

    private static final Pattern SECRET = Pattern.compile("value=\"([^\"]+)\" data-copy data-testid=\"webhook-secret\"");
    private static final Pattern ID = Pattern.compile("/webhooks/(\\d+)\">Open the webhook");

    /** A webhook made on a page: its id and its secret (shown once). */
    record Made(long id, String secret, String path) {
    }

    private Hooks() {
    }

    /** Posts the new-webhook form of {@code webhooksPath} (such as /r/u/app/settings/webhooks). */
    static Response post(Visitor owner, String webhooksPath, String url, String format, String... events) {
        String token = owner.csrfToken(webhooksPath);
        StringBuilder body = new StringBuilder("csrf-token=" + enc(token) + "&name=CI&url=" + enc(url) + "&format=" + format);
        for (String e : events) {
            body.append("&events=").append(e);
        }
        return owner.request().contentType("application/x-www-form-urlencoded").body(body.toString()).post(webhooksPath);
    }

    static Made create(Visitor owner, String webhooksPath, String url, String format, String... events) {
        Response response = post(owner, webhooksPath, url, format, events);
        if (response.statusCode() != 200) {
            throw new AssertionError("Creating a webhook answered " + response.statusCode() + ": " + response.asString());
        }
        String html = response.asString();
        Matcher secret = SECRET.matcher(html);
        Matcher id = ID.matcher(html);
        if (!secret.find() || !id.find()) {
            throw new AssertionError("No secret or link on the page: " + html);
        }
        long webhookId = Long.parseLong(id.group(1));
        return new Made(webhookId, secret.group(1), webhooksPath + "/" + webhookId);
    }

    static List<WebhookDelivery> deliveries(long webhookId) {
        return QuarkusTransaction.requiringNew().call(() -> WebhookDelivery.recentOf(webhookId, 100));
    }

    static Webhook webhook(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Webhook.findById(id));
    }

    /** Waits up to {@code timeout} until the webhook's deliveries satisfy {@code condition}. */
    static List<WebhookDelivery> awaitDeliveries(long webhookId, Duration timeout, Predicate<List<WebhookDelivery>> condition) {
        long end = System.nanoTime() + timeout.toNanos();
        List<WebhookDelivery> now = deliveries(webhookId);
        while (!condition.test(now) && System.nanoTime() < end) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now = deliveries(webhookId);
        }
        if (!condition.test(now)) {
            throw new AssertionError("The deliveries never got there: " + describe(now));
        }
        return now;
    }

    static String describe(List<WebhookDelivery> deliveries) {
        return deliveries.stream().map(d -> d.event + ":" + d.state + "/" + d.attempts + "/" + d.statusCode + "/" + d.error).toList()
                .toString();
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
