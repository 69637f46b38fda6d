package dev.hoist.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (see {@link SmtpSink}) that Hoist's mailer sends to during the tests. */
public class MailResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/verify-email\\?token=[A-Za-z0-9_-]+");
    private static SmtpSink sink;

    @Override
    public Map<String, String> start() {
        try {
            sink = new SmtpSink();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(sink.port()),
                "quarkus.mailer.from", "hoist@example.test");
    }

    @Override
    public void stop() {
        try {
            if (sink != null) {
                sink.close();
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The verification link in the newest mail to {@code address}, waiting up to 10 s for it. */
    public static String verificationLinkFor(String address) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Optional<String> link = newestTo(address).flatMap(m -> {
                Matcher matcher = LINK.matcher(m.data());
                return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
            });
            if (link.isPresent()) {
                return link.get();
            }
            sleep();
        }
        throw new AssertionError("No verification mail reached " + address);
    }

    /** The link to {@code path} (such as {@code /reset-password}) in the newest mail to {@code address} that has one, waiting up to 10 s. */
    public static String linkFor(String address, String path) {
        Pattern link = Pattern.compile("https?://\\S+" + Pattern.quote(path) + "\\?token=[A-Za-z0-9_-]+");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            List<SmtpSink.Message> all = sink.received();
            for (int i = all.size() - 1; i >= 0; i--) {
                Matcher matcher = link.matcher(all.get(i).data());
                if (isTo(all.get(i), address) && matcher.find()) {
                    return matcher.group();
                }
            }
            sleep();
        }
        throw new AssertionError("No mail with a link to " + path + " reached " + address);
    }

    /** How many mails the server received in all. */
    public static int total() {
        return sink.received().size();
    }

    /** The text of the newest mail to {@code address}. */
    public static String newestMailTo(String address) {
        return newestTo(address).map(SmtpSink.Message::data).orElseThrow(() -> new AssertionError("No mail reached " + address));
    }

    public static int countTo(String address) {
        return (int) sink.received().stream().filter(m -> isTo(m, address)).count();
    }

    private static Optional<SmtpSink.Message> newestTo(String address) {
        List<SmtpSink.Message> all = sink.received();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (isTo(all.get(i), address)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    private static boolean isTo(SmtpSink.Message message, String address) {
        return message.recipients().stream().anyMatch(r -> r.equalsIgnoreCase(address));
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
