package dev.hoist.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.WebhookDelivery;
import dev.hoist.registry.Pushes;
import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deliveries over HTTPS: to the address Hoist checked, with the certificate checked against the
 * URL's host. A receiver vouched for by the installation's CA gets the event; one nobody vouches
 * for, or one whose certificate names another host, gets nothing, and the log says why.
 */
@QuarkusTest
@TestProfile(TlsReceiverProfile.class)
class WebhookHttpsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void aReceiverWithATrustedCertificateForItsAddressGetsTheSignedDelivery() throws Exception {
        String me = Visitor.uniqueName("tlsok");
        Visitor owner = People.verified(me);
        Repos.create(owner, me, "app", false, "", "");
        try (Receiver receiver = Receiver.https(TlsReceiverProfile.serverContext("trusted"))) {
            assertTrue(receiver.url("/").startsWith("https://127.0.0.2:"), receiver.url("/"));
            Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/tls"), "docker-hub",
                    "image_pushed");
            Pushes.image(me, me + "/app", "1.0");

            Receiver.Request request = receiver.await(1, WAIT).get(0);
            assertEquals("/tls", request.path());
            assertEquals(Signatures.of(hook.secret(), request.body()), request.header("X-Hoist-Signature-256"));
            List<WebhookDelivery> log = Hooks.awaitDeliveries(hook.id(), WAIT,
                    d -> d.size() == 1 && WebhookDelivery.DELIVERED.equals(d.get(0).state));
            assertEquals(200, log.get(0).statusCode);
        }
    }

    @Test
    void aCertificateNobodyVouchesForOrOneForAnotherHostGetsNothing() throws Exception {
        Map<String, String> why = Map.of("stranger", "unable to find valid certification path",
                "misnamed", "No subject alternative names matching IP address 127.0.0.2");
        for (String certificate : List.of("stranger", "misnamed")) {
            String me = Visitor.uniqueName("tlsno");
            Visitor owner = People.verified(me);
            Repos.create(owner, me, "app", false, "", "");
            try (Receiver receiver = Receiver.https(TlsReceiverProfile.serverContext(certificate))) {
                Hooks.Made hook = Hooks.create(owner, "/r/" + me + "/app/settings/webhooks", receiver.url("/tls"),
                        "docker-hub", "image_pushed");
                Pushes.image(me, me + "/app", "1.0");

                List<WebhookDelivery> log = Hooks.awaitDeliveries(hook.id(), WAIT,
                        d -> d.size() == 1 && d.get(0).attempts >= 1 && d.get(0).lastAttemptAt != null);
                WebhookDelivery delivery = log.get(0);
                assertNull(delivery.statusCode, certificate + ": " + Hooks.describe(log));
                assertTrue(delivery.error != null && delivery.error.contains(why.get(certificate)),
                        certificate + ": " + Hooks.describe(log));
                assertEquals(WebhookDelivery.PENDING, delivery.state, "a TLS failure is retried: " + Hooks.describe(log));
                assertTrue(receiver.received().isEmpty(), certificate + ": the receiver got " + receiver.received());
            }
        }
    }
}
