package dev.hoist.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real SMTP server (GreenMail) that Hoist's mailer sends to during the tests. */
public class MailResource implements QuarkusTestResourceLifecycleManager {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/verify-email\\?token=[A-Za-z0-9_-]+");
    private static GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.from", "hoist@example.test");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    /** The verification link in the newest mail to {@code address}, waiting up to 10 s for it. */
    public static String verificationLinkFor(String address) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            Optional<String> link = newestTo(address).flatMap(MailResource::link);
            if (link.isPresent()) {
                return link.get();
            }
            sleep();
        }
        throw new AssertionError("No verification mail reached " + address);
    }

    public static int countTo(String address) {
        return (int) Arrays.stream(greenMail.getReceivedMessages()).filter(m -> isTo(m, address)).count();
    }

    private static Optional<MimeMessage> newestTo(String address) {
        MimeMessage[] all = greenMail.getReceivedMessages();
        for (int i = all.length - 1; i >= 0; i--) {
            if (isTo(all[i], address)) {
                return Optional.of(all[i]);
            }
        }
        return Optional.empty();
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(address));
        } catch (Exception e) {
            return false;
        }
    }

    private static Optional<String> link(MimeMessage message) {
        try {
            Matcher m = LINK.matcher(message.getContent().toString());
            return m.find() ? Optional.of(m.group()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
