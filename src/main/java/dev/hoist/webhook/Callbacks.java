package dev.hoist.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Set;
import java.util.UUID;

/**
 * Docker Hub's callback: a receiver of a push POSTs {@code state} (success, failure or error),
 * {@code description}, {@code context} and {@code target_url} to the delivery's callback_url,
 * and the delivery log shows it. The delivery id in the URL is the only key (as on Docker Hub).
 */
@ApplicationScoped
public class Callbacks {

    public static final Set<String> STATES = Set.of("success", "failure", "error");

    @Inject
    EntityManager em;

    /** Records the answer; false when no delivery has that id. The newest callback wins. */
    @Transactional
    public boolean record(UUID deliveryId, String state, String description, String context, String targetUrl) {
        return em.createNativeQuery("""
                UPDATE webhook_deliveries SET callback_state = ?2, callback_description = ?3, callback_context = ?4,
                  callback_target_url = ?5, callback_at = now()
                WHERE delivery_id = ?1""")
                .setParameter(1, deliveryId).setParameter(2, state).setParameter(3, cut(description, 500))
                .setParameter(4, cut(context, 200)).setParameter(5, link(targetUrl))
                .executeUpdate() == 1;
    }

    /** Only http(s) links are kept: the log shows it as a link. */
    private static String link(String url) {
        if (url == null || url.length() > 2000 || url.chars().anyMatch(Character::isISOControl)) {
            return null;
        }
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url.strip() : null;
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.codePoints().filter(c -> c == '\n' || !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.length() > max ? clean.substring(0, max) : clean;
    }
}
