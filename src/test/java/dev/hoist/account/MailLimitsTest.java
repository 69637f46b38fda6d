package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.FormBurst;
import dev.hoist.support.MailResource;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Hoist's mails cannot be turned into a mail cannon: per account and per recipient, 5 an hour. */
@QuarkusTest
class MailLimitsTest {

    private static final String AGAIN = "You can ask for another mail at ";

    @Test
    void aParallelBurstOfResendsSendsAtMostTheLimit() {
        String name = Visitor.uniqueName("burst");
        Visitor visitor = Visitor.signedUp(name);
        String address = name + "@example.test";
        MailResource.verificationLinkFor(address);

        List<FormBurst.Answer> answers = FormBurst.post(visitor, i -> "198.51.100." + i, "/settings", "/settings/verification", 100,
                i -> Map.of());

        assertEquals(5, MailResource.countTo(address), "the sign-up mail and four more");
        List<Integer> statuses = answers.stream().map(FormBurst.Answer::status).toList();
        assertEquals(96, statuses.stream().filter(s -> s == 429).count(), "every request past the limit is refused: " + statuses);
        assertTrue(answers.stream().filter(a -> a.status() == 429).allMatch(a -> a.body().contains(AGAIN)),
                "the page says when a mail can be sent again");
    }

    @Test
    void emailChangesToThirdPartyAddressesAreLimitedPerAccount() {
        String name = Visitor.uniqueName("chgl");
        Visitor visitor = Visitor.signedUp(name);
        List<String> victims = IntStream.range(0, 20).mapToObj(i -> name + "v" + i + "@victims.example.test").toList();

        List<Integer> statuses = victims.stream()
                .map(v -> visitor.submit("/settings", "/settings/email", Map.of("email", v)).statusCode())
                .toList();

        int mailed = victims.stream().mapToInt(MailResource::countTo).sum();
        assertEquals(4, mailed, "the sign-up used one of the account's five mails an hour");
        assertEquals(List.of(303, 303, 303, 303), statuses.subList(0, 4));
        assertTrue(statuses.subList(4, 20).stream().allMatch(s -> s == 429), statuses.toString());
        Response refused = visitor.submit("/settings", "/settings/email", Map.of("email", name + "last@victims.example.test"));
        assertEquals(429, refused.statusCode());
        assertTrue(refused.asString().contains(AGAIN), refused.asString());
        visitor.get("/settings").then().body(org.hamcrest.Matchers.containsString(victims.get(3)));
    }

    @Test
    void oneRecipientGetsAtMostFiveMailsWhoeverAsks() {
        String victim = Visitor.uniqueName("victim") + "@example.test";

        for (int i = 0; i < 8; i++) {
            Visitor attacker = Visitor.signedUp(Visitor.uniqueName("att"));
            attacker.submit("/settings", "/settings/email", Map.of("email", victim));
        }

        assertEquals(5, MailResource.countTo(victim));
    }

    @Test
    void aParallelBurstOfEmailChangesToOneRecipientSendsAtMostFive() {
        String victim = Visitor.uniqueName("pvictim") + "@example.test";
        List<Visitor> attackers = IntStream.range(0, 10).mapToObj(i -> Visitor.signedUp(Visitor.uniqueName("patt"))).toList();

        List<FormBurst.Answer> answers = FormBurst.postOnceEach(attackers, "/settings", "/settings/email", Map.of("email", victim));

        assertEquals(5, MailResource.countTo(victim), answers.stream().map(FormBurst.Answer::status).toList().toString());
        assertEquals(5, answers.stream().filter(a -> a.status() == 429).count());
    }
}
