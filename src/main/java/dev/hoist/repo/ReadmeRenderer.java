package dev.hoist.repo;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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
 * security boundary.
 */
@ApplicationScoped
public class ReadmeRenderer {

    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(), AutolinkExtension.create(), HeadingAnchorExtension.create());

    // Parser, renderer and policy are immutable and thread-safe, so one of each serves every request.
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS)
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

    public String render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return POLICY.sanitize(RENDERER.render(PARSER.parse(markdown)));
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
