package dev.hoist.repo;

import dev.hoist.model.Repo;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.heading.anchor.HeadingAnchorExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Link;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Renders repository READMEs (GitHub-flavoured Markdown) to HTML that can go straight into a page.
 *
 * <p>READMEs are written by any user, so Markdown is treated as untrusted: commonmark lets raw HTML
 * through, and everything it produces is then cut down by an allow-list policy, which is the
 * security boundary. Every render is bounded in time and depth ({@link MarkdownLimits}); a README
 * beyond the bounds is refused when saved, and pages serve the HTML stored then ({@link Readmes}).
 */
@ApplicationScoped
public class ReadmeRenderer {

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), AutolinkExtension.create(), HeadingAnchorExtension.create());

    /** Stored with the HTML; bump {@link Repo#README_RENDERER} whenever the HTML a README gives changes. */
    public static final short VERSION = Repo.README_RENDERER;

    /** Shown, and stored, in place of a README that was saved before the bounds and is beyond them. */
    static final String REFUSED_HTML = "<p><em>This README is too complex to display.</em></p>";

    // Parser, renderer and policy are immutable and thread-safe, so one of each serves every request.
    // The depth check goes first: the extensions' post-processors walk the tree recursively.
    private static final Parser PARSER = Parser.builder()
            .postProcessor(new MarkdownLimits.DepthCheck())
            .customBlockParserFactory(new MarkdownLimits.LineGuard())
            .maxOpenBlockParsers(MarkdownLimits.MAX_OPEN_BLOCKS)
            .inlineParserFactory(new MarkdownLimits.CountingInlineParsers())
            .extensions(EXTENSIONS)
            .postProcessor(document -> {
                document.accept(new UnsafeAutolinkRemover());
                return document;
            })
            .build();

    // No sanitizeUrls here: it would leave href="" behind, whereas the policy drops the href and
    // the now-empty <a>, so a rejected link reads as plain text.
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS).build();

    private static final Pattern SAFE_SCHEME = Pattern.compile("(?i)(?:https?|mailto):");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
                    "pre", "code", "em", "strong", "del", "hr", "br",
                    "table", "thead", "tbody", "tr", "th", "td", "a", "img")
            // Anchor ids only; a free-form id could be used to clobber globals the page's scripts read.
            .allowAttributes("id").matching(Pattern.compile("[a-z0-9_-]+")).onElements(
                    "h1", "h2", "h3", "h4", "h5", "h6")
            // Only the highlighting hint, never arbitrary classes that could borrow the site's styling.
            .allowAttributes("class").matching(Pattern.compile("language-[A-Za-z0-9_+#.-]+")).onElements("code")
            .allowAttributes("align").matching(true, "left", "center", "right").onElements("th", "td")
            .allowAttributes("start").matching(Pattern.compile("[0-9]{1,9}")).onElements("ol")
            // The policy decodes entities and rejects any scheme not listed here, so encoded or mixed-case
            // "javascript:" cannot slip through; URLs without a scheme (relative links) are kept.
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href", "title").onElements("a")
            .allowAttributes("alt", "title").onElements("img")
            // mailto: makes no sense as an image source.
            .allowAttributes("src").matching((element, attribute, value) ->
                    value.regionMatches(true, 0, "mailto:", 0, 7) ? null : value).onElements("img")
            // Keep READMEs from passing page rank or window.opener to whatever they link to.
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .toFactory();

    /**
     * Safe HTML, or why the README cannot be displayed (and {@link #REFUSED_HTML}); {@code passing}
     * when the reason is the moment (a busy machine), not the README.
     */
    public record Rendered(String html, String problem, boolean passing) {
        public boolean refused() {
            return problem != null;
        }

        static Rendered of(String html) {
            return new Rendered(html, null, false);
        }

        static Rendered refused(String problem) {
            return new Rendered(REFUSED_HTML, problem, false);
        }

        static Rendered busy(String problem) {
            return new Rendered(REFUSED_HTML, problem, true);
        }
    }

    /**
     * Renders on one of a few threads with a deep stack: commonmark recurses on nested emphasis
     * before the depth check sees the tree, and a request thread's stack would overflow. The pool
     * is small and its queue bounded, so READMEs can never take more than its threads of CPU.
     */
    private static final ThreadPoolExecutor THREADS = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), task -> {
                Thread thread = new Thread(null, task, "readme-renderer", 64L << 20);
                thread.setDaemon(true);
                return thread;
            });

    public Rendered attempt(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return Rendered.of("");
        }
        Future<String> html;
        try {
            html = THREADS.submit(() -> POLICY.sanitize(RENDERER.render(MarkdownLimits.within(() -> PARSER.parse(markdown)))));
        } catch (RejectedExecutionException e) {
            return Rendered.busy("Hoist is rendering many READMEs right now. Try again in a moment.");
        }
        try {
            // The parse stops itself after its CPU budget; this only guards against a machine gone too slow.
            return Rendered.of(html.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof MarkdownLimits.TooComplex tooComplex) {
                return Rendered.refused(tooComplex.getMessage());
            }
            if (e.getCause() instanceof StackOverflowError) {
                return Rendered.refused("This README nests too deeply to display.");
            }
            throw new IllegalStateException("Rendering a README failed", e.getCause());
        } catch (TimeoutException e) {
            html.cancel(false);
            return Rendered.busy("Hoist is too busy to display this README right now. Try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Rendered.busy("Rendering was interrupted. Try again.");
        }
    }

    /** The HTML of {@link #attempt}, whatever happened. */
    public String render(String markdown) {
        return attempt(markdown).html();
    }

    /**
     * An autolink such as {@code <javascript:alert(1)>} has its URL as its text. The policy would drop
     * only the href and leave the URL on the page, inviting a copy-paste, so such links go entirely.
     */
    private static final class UnsafeAutolinkRemover extends AbstractVisitor {
        @Override
        public void visit(Link link) {
            if (link.getFirstChild() instanceof Text text && text.getNext() == null
                    && text.getLiteral().equals(link.getDestination())
                    && !SAFE_SCHEME.matcher(link.getDestination()).lookingAt()) {
                link.unlink();
            } else {
                visitChildren(link);
            }
        }
    }
}
