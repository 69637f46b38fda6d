package dev.hoist.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings of webhook delivery, under {@code hoist.webhooks.} (see docs/webhooks.md). */
@ConfigMapping(prefix = "hoist.webhooks")
public interface WebhookConfig {

    /** How long one attempt may take, connecting included. */
    @WithDefault("PT10S")
    Duration timeout();

    /** The wait after a first failed attempt; it doubles after each further one. */
    @WithDefault("PT10S")
    Duration retryBase();

    /** The longest wait between two attempts. */
    @WithDefault("PT1H")
    Duration retryMax();

    /** How long after the event Hoist keeps retrying a delivery before it gives up. */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** A webhook whose attempts all failed for this long is switched off and its owners are emailed. */
    @WithDefault("PT24H")
    Duration disableAfter();

    /** How often each copy of Hoist looks for due deliveries ({@code 1s}). */
    @WithDefault("1s")
    String pollInterval();

    /** How long finished deliveries stay in the log. */
    @WithDefault("P30D")
    java.time.Duration logRetention();

    /** Deliveries one copy of Hoist sends at once (each poll claims at most this many). */
    @WithDefault("50")
    int batch();

    /**
     * Private ranges (CIDR, like {@code 10.20.0.0/16}) deliveries may go to anyway; loopback,
     * link-local, private, unique-local and multicast addresses are refused unless listed here.
     */
    Optional<List<String>> allowedRanges();

    /**
     * A PEM file of CA certificates that HTTPS receivers may present, trusted besides the JVM's own
     * (an installation's internal CA); by default only the JVM's.
     */
    Optional<String> trustCertificates();

    /** Instance-wide endpoints of the site administrators: every event of every repository goes to them. */
    Map<String, Endpoint> endpoints();

    interface Endpoint {
        String url();

        /** Signs the deliveries like a webhook's secret. */
        String secret();

        /** Kinds of event (WebhookEvent keys); by default every kind. */
        Optional<List<String>> events();

        @WithDefault("cloudevents")
        String format();
    }
}
