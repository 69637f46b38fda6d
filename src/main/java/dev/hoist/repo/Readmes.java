package dev.hoist.repo;

import dev.hoist.model.Repo;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.logging.Logger;

/**
 * READMEs are rendered once, when saved, and the sanitized HTML is stored beside the Markdown;
 * pages serve that. A README stored by an older renderer ({@link ReadmeRenderer#VERSION}) is
 * rendered again on its first view, once per copy however many views come at the same time.
 */
@ApplicationScoped
public class Readmes {

    private static final Logger LOG = Logger.getLogger(Readmes.class);

    @Inject
    ReadmeRenderer renderer;

    private final ConcurrentMap<Long, CompletableFuture<String>> rendering = new ConcurrentHashMap<>();

    /** Renders {@code markdown} into {@code repo}; refused (nothing stored) when beyond the bounds. */
    public ReadmeRenderer.Rendered store(Repo repo, String markdown) {
        ReadmeRenderer.Rendered rendered = renderer.attempt(markdown);
        if (!rendered.refused()) {
            repo.readme = markdown;
            repo.readmeHtml = rendered.html();
            repo.readmeRenderer = ReadmeRenderer.VERSION;
        }
        return rendered;
    }

    /** The HTML to show for {@code repo}'s README. */
    public String html(Repo repo) {
        if (repo.readme == null || repo.readme.isBlank()) {
            return "";
        }
        if (repo.readmeRenderer == ReadmeRenderer.VERSION) {
            return repo.readmeHtml;
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = rendering.putIfAbsent(repo.id, mine);
        if (running != null) {
            return running.join();
        }
        try {
            String html = renderAgain(repo);
            mine.complete(html);
            return html;
        } catch (RuntimeException e) {
            mine.complete(ReadmeRenderer.REFUSED_HTML);
            LOG.warnf("Could not render the README of %s: %s", repo.fullName(), e.toString());
            return ReadmeRenderer.REFUSED_HTML;
        } finally {
            rendering.remove(repo.id, mine);
        }
    }

    /**
     * A README beyond the bounds (saved before them) is stored as a notice, so it costs nothing
     * on later views. Stored only if the README is still the one rendered: a save meanwhile wins.
     */
    private String renderAgain(Repo repo) {
        String markdown = repo.readme;
        ReadmeRenderer.Rendered rendered = renderer.attempt(markdown);
        if (rendered.passing()) {
            return rendered.html();
        }
        if (rendered.refused()) {
            LOG.infof("The README of %s is stored as a notice: %s", repo.fullName(), rendered.problem());
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> Repo.update(
                    "readmeHtml = ?1, readmeRenderer = ?2 where id = ?3 and readme = ?4",
                    rendered.html(), ReadmeRenderer.VERSION, repo.id, markdown));
        } catch (RuntimeException e) {
            // The page can still show what was rendered; the next view tries to store it again.
            LOG.warnf("Could not store the README of %s: %s", repo.fullName(), e.toString());
        }
        return rendered.html();
    }
}
