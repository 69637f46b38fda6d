package dev.hoist.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoist.support.People;
import dev.hoist.support.Repos;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * "Did you mean" reads the words of every repository name; a word only a private repository's
 * name holds must never come back to someone who cannot read that repository, neither on the
 * search page ("these are the results for …") nor through /search/suggest (the names of a
 * correction's matches give it away), while words of public names still correct typos.
 */
@QuarkusTest
class CorrectionPrivacyTest {

    private static final Random RANDOM = new Random();

    /** A word no other test uses: "vexillo" and five random letters. */
    private static String word(String stem) {
        StringBuilder word = new StringBuilder(stem);
        for (int i = 0; i < 5; i++) {
            word.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return word.toString();
    }

    /** One letter in the middle changed: close enough for pg_trgm, and no word of any name. */
    private static String typo(String word) {
        int middle = word.length() / 2;
        char changed = word.charAt(middle) == 'q' ? 'z' : 'q';
        return word.substring(0, middle) + changed + word.substring(middle + 1);
    }

    @Test
    void aWordOfOnlyAPrivateNameIsNeverOfferedToThoseWhoCannotReadIt() {
        String owner = Visitor.uniqueName("cp");
        Visitor ownerVisitor = People.verified(owner);
        String secret = word("vexillo");
        Repos.create(ownerVisitor, owner, secret + "-plans", true, "", "");
        // A public name that holds the secret word only inside a longer word, too long to be a
        // correction itself: searching the secret word finds it, so a correction to it would show.
        String longer = secret + "abcdefghijklmnopqrstuvwxy";
        Repos.create(ownerVisitor, owner, longer, false, "", "");
        String typed = typo(secret);

        Visitor anonymous = new Visitor();
        Visitor outsider = People.verified(Visitor.uniqueName("cpx"));
        for (Visitor visitor : new Visitor[] { anonymous, outsider }) {
            String page = visitor.get("/search?q=" + typed).then().statusCode(200).extract().asString();
            assertFalse(page.contains(secret + "”"), "the page corrects to the private word: " + typed);
            assertFalse(page.contains(longer), "the page shows what the private word finds");
            String suggested = visitor.get("/search/suggest?q=" + typed).then().statusCode(200).extract().asString();
            assertEquals("[]", suggested, "suggestions for " + typed);
        }
    }

    @Test
    void aWordOfAPublicNameStillCorrectsTypos() {
        String owner = Visitor.uniqueName("cq");
        Visitor ownerVisitor = People.verified(owner);
        String open = word("quillmat");
        Repos.create(ownerVisitor, owner, open + "-tool", false, "", "");
        String typed = typo(open);

        for (Visitor visitor : new Visitor[] { new Visitor(), People.verified(Visitor.uniqueName("cqx")) }) {
            String page = visitor.get("/search?q=" + typed).then().statusCode(200).extract().asString();
            assertTrue(page.contains("so these are the results for “" + open + "”"), typed + " is not corrected to " + open);
            assertTrue(page.contains(owner + "/" + open + "-tool"));
            String suggested = visitor.get("/search/suggest?q=" + typed).then().statusCode(200).extract().asString();
            assertTrue(suggested.contains("\"" + owner + "/" + open + "-tool\""), suggested);
        }
    }
}
