package dev.hoist.registry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.model.AccessToken;
import dev.hoist.support.Visitor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Makes and revokes personal access tokens through the settings page, as a user does. */
final class PersonalTokens {

    private static final Pattern SECRET = Pattern.compile("value=\"(hoist_pat_[A-Za-z0-9_-]+)\"");

    private PersonalTokens() {
    }

    static String create(Visitor owner, String scope) {
        String page = owner.submit("/settings/tokens", "/settings/tokens",
                Map.of("description", "CI", "scope", scope, "expires", "30")).asString();
        Matcher m = SECRET.matcher(page);
        assertTrue(m.find(), "the new token is shown");
        return m.group(1);
    }

    static void revoke(Visitor owner, String secret) {
        long id = QuarkusTransaction.requiringNew().call(() -> AccessToken.findBySecret(secret).orElseThrow().id);
        owner.submit("/settings/tokens", "/settings/tokens/revoke", Map.of("id", String.valueOf(id))).then().statusCode(303);
    }
}
