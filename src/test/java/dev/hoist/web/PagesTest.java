package dev.hoist.web;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.hoist.support.Visitor;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PagesTest {

    @Test
    void theHomePageExplainsHoistAndOffersSignUp() {
        new Visitor().get("/").then().statusCode(200)
                .body(containsString("self-hosted Docker Hub"))
                .body(containsString("href=\"/signup\""))
                .body(containsString("action=\"/search\""));
    }

    @Test
    void theHomePageListsPopularAndRecentPublicRepositoriesOnly() {
        String me = Visitor.uniqueName("home");
        Visitor owner = dev.hoist.support.People.verified(me);
        for (String[] repo : new String[][] { { "shown-on-home", "public" }, { "hidden-from-home", "private" } }) {
            owner.submit("/repository/create", "/repository/create",
                    java.util.Map.of("namespace", me, "name", repo[0], "visibility", repo[1])).then().statusCode(303);
        }

        new Visitor().get("/").then().statusCode(200)
                .body(containsString("Recently updated"))
                .body(containsString(me + "/shown-on-home"))
                .body(not(containsString("hidden-from-home")));
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        for (String path : new String[] { "/", "/login", "/no/such/page", "/static/css/hoist.css" }) {
            new Visitor().get(path).then()
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("strict-origin-when-cross-origin"));
        }
    }

    @Test
    void anUnknownAddressGetsAFriendlyNotFoundPage() {
        new Visitor().get("/no/such/page").then().statusCode(404)
                .contentType(containsString("text/html"))
                .body(containsString("Page not found"))
                .body(containsString("href=\"/\""));
    }

    @Test
    void aSignedInUserKeepsTheirHeaderOnTheNotFoundPage() {
        String name = Visitor.uniqueName("lost");
        Visitor.signedUp(name).get("/nothing-here").then().statusCode(404)
                .body(containsString("data-testid=\"header-username\">" + name + "<"));
    }

    @Test
    void aWrongMethodGetsAPageNotAStackTrace() {
        new Visitor().request().put("/login").then().statusCode(405)
                .body(not(containsString("Exception")))
                .body(not(containsString("at dev.hoist")));
    }

    @Test
    void staticFilesAreServedFromFrontend() {
        new Visitor().get("/static/css/hoist.css").then().statusCode(200).contentType(startsWith("text/css"));
        new Visitor().get("/static/img/hoist.svg").then().statusCode(200);
    }

    @Test
    void healthIncludesTheDatabase() {
        new Visitor().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Database connections health check"));
    }

    @Test
    void metricsAreNotOnThePublicPort() {
        // Prometheus reads them on the management port (see dev.hoist.edge.MetricsTest).
        new Visitor().get("/q/metrics").then().statusCode(404);
    }
}
