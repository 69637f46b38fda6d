package dev.hoist.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoist.platform.Listing;
import dev.hoist.platform.SqlTimes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repository's tags with what each names, image by image, for the JSON API: the manifest's
 * digest and size, and for an image index each child's platform, digest and size (read from the
 * stored index, which the push checked). A page costs two queries however many tags there are.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class TagDetails {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One image a tag names: a platform's manifest. Null parts are unknown. */
    public record Image(String os, String architecture, String variant, String digest, long size) {
    }

    /** {@code lastPulled}: by tag, or null when never (or not since pull times were recorded). */
    public record Tag(String name, String digest, String mediaType, long size, String pushedBy, Instant updatedAt,
            List<Image> images, Instant lastPulled, Instant imageLastPulled) {
    }

    /** How a page of tags is ordered: by last push (newest first, or oldest) or by name. */
    public enum Order {
        NEWEST("t.updated_at DESC, t.name"), OLDEST("t.updated_at, t.name"), NAME("t.name COLLATE \"C\""),
        NAME_DESC("t.name COLLATE \"C\" DESC");

        final String sql;

        Order(String sql) {
            this.sql = sql;
        }

        /** Docker Hub's {@code ordering} values; anything else is the default, newest first. */
        public static Order of(String ordering) {
            return switch (ordering == null ? "" : ordering) {
                case "last_updated" -> OLDEST;
                case "name" -> NAME;
                case "-name" -> NAME_DESC;
                default -> NEWEST;
            };
        }
    }

    @Inject
    EntityManager em;

    public Listing<Tag> page(long repoId, int page, int pageSize, Order order) {
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM tags WHERE repository_id = ?1")
                .setParameter(1, repoId).getSingleResult()).longValue();
        return Listing.of(page, pageSize, total, (offset, limit) -> rows(em.createNativeQuery(SELECT
                + "WHERE t.repository_id = ?1 ORDER BY " + order.sql + " LIMIT ?2 OFFSET ?3")
                .setParameter(1, repoId).setParameter(2, limit).setParameter(3, offset)));
    }

    public Optional<Tag> find(long repoId, String name) {
        return rows(em.createNativeQuery(SELECT + "WHERE t.repository_id = ?1 AND t.name = ?2")
                .setParameter(1, repoId).setParameter(2, name)).stream().findFirst();
    }

    private static final String SELECT = """
            SELECT t.name, m.digest, m.media_type, m.total_size, m.platforms, t.pushed_by, t.updated_at,
                   CASE WHEN m.media_type IN ('%s', '%s') THEN m.content END, t.last_pulled_at, m.last_pulled_at
            FROM tags t JOIN manifests m ON m.id = t.manifest_id
            """.formatted(ParsedManifest.OCI_INDEX, ParsedManifest.DOCKER_LIST);

    private static List<Tag> rows(Query query) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> {
            String digest = (String) r[1];
            long size = Math.max(0, ((Number) r[3]).longValue());
            List<Image> images = r[7] != null ? children((byte[]) r[7]) : single((String) r[4], digest, size);
            return new Tag((String) r[0], digest, (String) r[2], size, (String) r[5], SqlTimes.instant(r[6]), images,
                    r[8] == null ? null : SqlTimes.instant(r[8]), r[9] == null ? null : SqlTimes.instant(r[9]));
        }).toList();
    }

    /** An image manifest: one image, its platform as the push recorded it ("os/arch[/variant]"). */
    private static List<Image> single(String platforms, String digest, long size) {
        String[] parts = platforms == null || platforms.isEmpty() ? new String[0] : platforms.split("/", 3);
        return List.of(new Image(part(parts, 0), part(parts, 1), part(parts, 2), digest, size));
    }

    /** An index: its children, read from the stored index (checked at push, so well-formed). */
    private static List<Image> children(byte[] content) {
        List<Image> images = new ArrayList<>();
        try {
            for (JsonNode child : JSON.readTree(content).path("manifests")) {
                JsonNode platform = child.path("platform");
                images.add(new Image(text(platform, "os"), text(platform, "architecture"), text(platform, "variant"),
                        text(child, "digest"), child.path("size").asLong()));
            }
        } catch (IOException e) {
            return List.of();
        }
        return images;
    }

    private static String part(String[] parts, int i) {
        return parts.length > i && !parts[i].isEmpty() ? parts[i] : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
