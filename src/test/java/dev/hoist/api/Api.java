package dev.hoist.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;

/** The JSON API as Docker's tools call it: JSON bodies, {@code Authorization: Bearer <token>}. */
final class Api {

    private Api() {
    }

    static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static RequestSpecification as(String token) {
        return anonymous().header("Authorization", "Bearer " + token);
    }

    /** Signs in through {@code POST /v2/users/login} with a password or a personal access token. */
    static String login(String username, String secret) {
        return anonymous().body(Map.of("username", username, "password", secret)).post("/v2/users/login")
                .then().statusCode(200).extract().path("token");
    }
}
