package dev.hoist.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps webhooks from reaching into Hoist's own network (SSRF): only http(s), and only public
 * addresses, checked after DNS resolution when a webhook is saved and again before every attempt;
 * the delivery then connects to the very address checked, so a name that resolves differently a
 * moment later (DNS rebinding) cannot swap it.
 */
@ApplicationScoped
public class UrlGuard {

    /** A URL that may be called, and the address to connect to. */
    public record Target(URI uri, InetAddress address, int port) {
    }

    /** Why a URL is refused, in words for the form and the delivery log. */
    public static class Refused extends Exception {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private static final List<AddressRange> ALWAYS_REFUSED = List.of(
            AddressRange.parse("0.0.0.0/8"), AddressRange.parse("100.64.0.0/10"), AddressRange.parse("192.0.0.0/24"),
            AddressRange.parse("198.18.0.0/15"), AddressRange.parse("240.0.0.0/4"), AddressRange.parse("64:ff9b::/96"),
            AddressRange.parse("2001:db8::/32"));

    @Inject
    WebhookConfig config;

    /** The URL's syntax only (scheme, host, no credentials): what a form can say without a DNS lookup. */
    public URI parse(String url) throws Refused {
        if (url == null || url.isBlank() || url.length() > 2000) {
            throw new Refused("Enter an http:// or https:// URL of at most 2000 characters.");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused("This is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("Only http:// and https:// URLs can receive webhooks.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("The URL needs a host name.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("Put no user name or password in the URL: the payloads are signed instead.");
        }
        return uri;
    }

    /** Resolves the URL's host and checks every address it has; refused if any of them is not public. */
    public Target check(String url) throws Refused {
        URI uri = parse(url);
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new Refused("The host " + host + " could not be resolved.");
        }
        for (InetAddress address : addresses) {
            if (!allowed(address)) {
                throw new Refused("The host " + host + " resolves to " + address.getHostAddress()
                        + ", a loopback, link-local, private or otherwise internal address; webhooks may not call it.");
            }
        }
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return new Target(uri, addresses[0], port);
    }

    /** Public addresses; internal ones only when a setting lists their range. */
    boolean allowed(InetAddress address) {
        InetAddress plain = unmapped(address);
        for (String cidr : config.allowedRanges().orElse(List.of())) {
            if (AddressRange.parse(cidr).contains(plain)) {
                return true;
            }
        }
        if (plain.isLoopbackAddress() || plain.isLinkLocalAddress() || plain.isSiteLocalAddress()
                || plain.isAnyLocalAddress() || plain.isMulticastAddress()) {
            return false;
        }
        if (plain instanceof Inet6Address && (plain.getAddress()[0] & 0xfe) == 0xfc) {
            return false; // unique-local fc00::/7
        }
        return ALWAYS_REFUSED.stream().noneMatch(r -> r.contains(plain));
    }

    /** ::ffff:10.0.0.1 is 10.0.0.1. */
    private static InetAddress unmapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }
}
