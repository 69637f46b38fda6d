package dev.hoist.webhook.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.webhook.Callbacks;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.UUID;

/** {@code POST /hooks/callback/{delivery}}: Docker Hub's callback of a webhook receiver (see {@link Callbacks}). */
@Path("/hooks/callback/{delivery}")
@Produces(MediaType.APPLICATION_JSON)
public class CallbackEndpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 16 * 1024;

    @Inject
    Callbacks callbacks;

    @POST
    public Response callback(@PathParam("delivery") String delivery, byte[] body) {
        UUID id;
        JsonNode json;
        try {
            id = UUID.fromString(delivery);
            if (body == null || body.length > MAX_BODY) {
                return problem(400, "The body must be a JSON object of at most 16 KiB.");
            }
            json = JSON.readTree(body);
        } catch (IllegalArgumentException | IOException e) {
            return notFoundOr(e instanceof IOException ? problem(400, "The body is not JSON.") : null);
        }
        if (json == null || !json.isObject()) {
            return problem(400, "The body must be a JSON object.");
        }
        String state = text(json, "state");
        if (state == null || !Callbacks.STATES.contains(state)) {
            return problem(400, "state must be success, failure or error.");
        }
        boolean found = callbacks.record(id, state, text(json, "description"), text(json, "context"), text(json, "target_url"));
        return found ? Response.ok("{}").build() : notFoundOr(null);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Response notFoundOr(Response other) {
        return other != null ? other : problem(404, "No such delivery.");
    }

    private static Response problem(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(JSON.createObjectNode().put("error", message).toString()).build();
    }
}
