package dev.hoist.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bodies Hoist POSTs: Docker Hub's push payload, field for field, so receivers written for
 * Docker Hub work unchanged; or a CloudEvents 1.0 event in structured JSON mode.
 */
final class Payloads {

    static final String DOCKER_HUB = "docker-hub";
    static final String CLOUDEVENTS = "cloudevents";
    static final String CLOUDEVENTS_TYPE = "application/cloudevents+json; charset=utf-8";
    static final String JSON_TYPE = "application/json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    static String body(String format, Outgoing event, UUID eventId, RepoFacts repo, String base, String callbackUrl) {
        return CLOUDEVENTS.equals(format) ? cloudEvent(event, eventId, base) : dockerHub(event, repo, base, callbackUrl);
    }

    static String contentType(String format) {
        return CLOUDEVENTS.equals(format) ? CLOUDEVENTS_TYPE : JSON_TYPE;
    }

    /**
     * Docker Hub's push payload (docs.docker.com/docker-hub/repos/manage/webhooks): times are Unix
     * seconds. Docker Hub sends pushes only; other events keep its shape, with {@code event} and
     * {@code data} added and no {@code push_data}.
     */
    static String dockerHub(Outgoing event, RepoFacts repo, String base, String callbackUrl) {
        ObjectNode root = JSON.createObjectNode();
        root.put("callback_url", callbackUrl);
        if (event.type().equals("image.pushed")) {
            ObjectNode push = root.putObject("push_data");
            push.put("pushed_at", event.at().getEpochSecond());
            ArrayNode images = push.putArray("images");
            Object digest = event.data().get("digest");
            if (digest != null) {
                images.add(digest.toString());
            }
            push.put("tag", (String) event.data().get("tag"));
            push.put("pusher", event.actor());
        } else {
            root.put("event", event.type());
            root.set("data", JSON.valueToTree(event.data()));
        }
        if (repo != null) {
            ObjectNode r = root.putObject("repository");
            r.put("status", repo.exists() ? "Active" : "Deleted");
            r.put("description", repo.description());
            r.put("is_trusted", false);
            r.put("full_description", repo.fullDescription());
            r.put("repo_url", base + repoPath(repo.namespace(), repo.name()));
            r.put("owner", repo.namespace());
            r.put("is_official", "library".equals(repo.namespace()));
            r.put("is_private", repo.isPrivate());
            r.put("name", repo.name());
            r.put("namespace", repo.namespace());
            r.put("star_count", repo.starCount());
            r.put("comment_count", 0);
            if (repo.createdAt() != null) {
                r.put("date_created", repo.createdAt().getEpochSecond());
            } else {
                r.putNull("date_created");
            }
            r.put("repo_name", repo.namespace() + "/" + repo.name());
        } else {
            root.put("organization", event.namespace());
        }
        return write(root);
    }

    /** CloudEvents 1.0, structured mode: the required attributes, {@code time}, and Hoist's data. */
    static String cloudEvent(Outgoing event, UUID eventId, String base) {
        ObjectNode root = JSON.createObjectNode();
        root.put("specversion", "1.0");
        root.put("type", "dev.hoist." + event.type());
        root.put("source", base + (event.repository() != null ? repoPath(event.namespace(), event.repository())
                : "/orgs/" + event.namespace()));
        root.put("id", eventId.toString());
        root.put("time", DateTimeFormatter.ISO_INSTANT.format(event.at()));
        root.put("datacontenttype", "application/json");
        if (event.actor() != null) {
            root.put("subject", event.fullName() != null ? event.fullName() : event.namespace());
        }
        ObjectNode data = root.putObject("data");
        if (event.repository() != null) {
            data.put("repository", event.fullName());
            data.put("namespace", event.namespace());
            data.put("name", event.repository());
        } else {
            data.put("organization", event.namespace());
        }
        data.put("actor", event.actor());
        data.setAll((ObjectNode) JSON.valueToTree(event.data()));
        return write(root);
    }

    /** The test event ("ping"): what a receiver sees when someone presses "Send a test event". */
    static Outgoing ping(String namespace, String repository, String actor, long webhookId) {
        return new Outgoing("ping", null, namespace, repository, actor, Instant.now(),
                Map.of("webhook_id", webhookId, "zen", "Ship small images."));
    }

    static String repoPath(String namespace, String name) {
        return "library".equals(namespace) ? "/_/" + name : "/r/" + namespace + "/" + name;
    }

    static List<String> platforms(String stored) {
        return stored == null || stored.isBlank() ? List.of() : List.of(stored.split(",\\s*"));
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
