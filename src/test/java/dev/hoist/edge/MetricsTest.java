package dev.hoist.edge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Metrics live on the management interface only, and hold no path a client made up. */
@QuarkusTest
class MetricsTest {

    /** The management interface's actual port (random in tests): Quarkus records it once listening. */
    private final String metrics = "http://127.0.0.1:"
            + Integer.getInteger("quarkus.management.test-port",
                    ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class))
            + "/q/metrics";

    @Test
    void metricsAreNotOnThePublicPort() {
        given().get("/q/metrics").then().statusCode(404);
        given().get(metrics).then().statusCode(200).body(containsString("http_server_requests"));
    }

    @Test
    void madeUpPathsOfRefusedRequestsAreNoLabels() throws Exception {
        String marker = "zz" + UUID.randomUUID().toString().replace("-", "");
        // 405: a method no route takes, on a path nobody knows.
        given().delete("/" + marker + "/a").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().request("PROPFIND", "/" + marker + "/b").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        // 431: headers too large. The server may answer and close before the client has written them
        // all, which the client then sees as a broken pipe: refused either way.
        try {
            given().header("X-Big", "x".repeat(40_000)).get("/" + marker + "/c").then().statusCode(431);
        } catch (Exception e) {
            if (!(e instanceof java.net.SocketException)) { // RestAssured throws it undeclared
                throw e;
            }
        }
        given().post("/" + marker + "/d").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        given().get(metrics).then().statusCode(200).body(not(containsString(marker)));
    }
}
