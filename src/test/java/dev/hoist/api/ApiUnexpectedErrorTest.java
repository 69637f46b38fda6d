package dev.hoist.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.hoist.support.People;
import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A real failure behind an API path (a table the handler needs is gone for a moment) answers
 * Docker Hub's JSON error with 500 and an incident number, not the portal's HTML page.
 */
@QuarkusTest
class ApiUnexpectedErrorTest {

    @Inject
    DataSource database;

    @Test
    void aServerFailureOnTheApiIsJson() throws SQLException {
        String me = Visitor.uniqueName("fail");
        People.verified(me);
        String token = Api.login(me, "password123");
        Api.as(token).body(Map.of("name", "app")).post("/v2/namespaces/" + me + "/repositories").then().statusCode(201);
        rename("stars", "stars_away");
        try {
            Api.as(token).post("/v2/repositories/" + me + "/app/stars/").then().statusCode(500)
                    .contentType(startsWith("application/json"))
                    .body("detail", containsString("incident number")).body("message", containsString("incident number"));
        } finally {
            rename("stars_away", "stars");
        }
        Api.as(token).post("/v2/repositories/" + me + "/app/stars/").then().statusCode(200).body("star_count", equalTo(1));
    }

    private void rename(String from, String to) throws SQLException {
        try (Connection connection = database.getConnection(); var statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }
}
