package dev.hoist.account;

import dev.hoist.platform.HoistConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Where links in mails point. The request's own address is used only when no base URL is set and
 * its host is one Hoist knows: anyone can send {@code Host: evil.example.com}, and a genuine Hoist
 * mail must never hand a victim's token to the attacker's host.
 */
@ApplicationScoped
public class MailLinks {

    private static final Logger LOG = Logger.getLogger(MailLinks.class);

    @Inject
    HoistConfig config;

    private volatile Set<String> allowed;
    private final AtomicLong lastWarning = new AtomicLong();

    void onStart(@Observes StartupEvent started) {
        if (config.baseUrl().filter(b -> !b.isBlank()).isEmpty()) {
            LOG.warnf("HOIST_BASE_URL is not set. Links in mails will use the address a request came to, and only"
                    + " when its host is one of %s (HOIST_ALLOWED_HOSTS); requests through any other host cannot send"
                    + " them. Set HOIST_BASE_URL to Hoist's public address, e.g. https://hub.example.com.", allowedHosts());
        }
    }

    /** The base of links for a request that came to {@code requestBase}; empty when its host is not allowed. */
    public Optional<String> base(URI requestBase) {
        Optional<String> configured = config.baseUrl().filter(b -> !b.isBlank());
        if (configured.isPresent()) {
            return configured.map(MailLinks::withoutTrailingSlash);
        }
        String host = normalize(requestBase.getHost());
        if (host != null && allowedHosts().contains(host)) {
            return Optional.of(withoutTrailingSlash(requestBase.toString()));
        }
        warnAtMostEveryMinute(requestBase.getHost());
        return Optional.empty();
    }

    /** The sentence for a request whose host links cannot be built from. */
    public static String refusal(URI requestBase) {
        return "Hoist does not send links for the address " + requestBase.getHost()
                + ", so it cannot mail you now. Open Hoist through its usual address and try again;"
                + " if this is its usual address, ask your administrator to set HOIST_BASE_URL.";
    }

    Set<String> allowedHosts() {
        Set<String> hosts = allowed;
        if (hosts == null) {
            hosts = new TreeSet<>();
            List<String> listed = config.allowedHosts().orElse(List.of());
            if (listed.isEmpty()) {
                hosts.addAll(List.of("localhost", "127.0.0.1", "::1", "0:0:0:0:0:0:0:1"));
                hosts.addAll(thisMachine());
            } else {
                listed.stream().map(MailLinks::normalize).filter(h -> h != null && !h.isEmpty()).forEach(hosts::add);
            }
            allowed = hosts = Collections.unmodifiableSet(hosts);
        }
        return hosts;
    }

    private static Set<String> thisMachine() {
        List<String> names = new java.util.ArrayList<>();
        try {
            InetAddress local = InetAddress.getLocalHost();
            names.add(normalize(local.getHostName()));
            names.add(normalize(local.getCanonicalHostName()));
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    names.add(normalize(address.getHostAddress()));
                }
            }
        } catch (java.io.IOException e) {
            LOG.debugf("Could not list this machine's names: %s", e.getMessage());
        }
        Set<String> known = new TreeSet<>();
        names.stream().filter(n -> n != null && !n.isEmpty()).forEach(known::add);
        return known;
    }

    /** Lowercase, without IPv6 brackets, zone id or the trailing dot of a fully qualified name. */
    static String normalize(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static String withoutTrailingSlash(String base) {
        return base.replaceAll("/+$", "");
    }

    /** Anyone can send any Host: one line a minute is enough for the administrator to notice. */
    private void warnAtMostEveryMinute(String host) {
        long now = System.currentTimeMillis();
        long last = lastWarning.get();
        if (now - last > 60_000 && lastWarning.compareAndSet(last, now)) {
            LOG.warnf("Refused to mail a link for a request to host %s, which is not an allowed host; set HOIST_BASE_URL"
                    + " (or HOIST_ALLOWED_HOSTS)", host == null ? "(none)" : host.replaceAll("[^A-Za-z0-9.:\\[\\]-]", "?"));
        }
    }
}
