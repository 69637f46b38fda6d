package dev.hoist.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReadmeRendererTest {

    private final ReadmeRenderer renderer = new ReadmeRenderer();

    @Test
    void rendersTables() {
        String html = renderer.render("""
                | Tag | Size |
                |:----|-----:|
                | latest | 12 MB |
                """);
        assertTrue(html.contains("<table>"), html);
        assertTrue(html.contains("<th align=\"left\">Tag</th>"), html);
        assertTrue(html.contains("<td align=\"right\">12 MB</td>"), html);
    }

    @Test
    void keepsLanguageClassOnFencedCode() {
        String html = renderer.render("""
                ```java
                if (a < b) { run(); }
                ```
                """);
        assertTrue(html.contains("<pre><code class=\"language-java\">"), html);
        assertTrue(html.contains("a &lt; b"), html);
    }

    @Test
    void linksBareUrls() {
        String html = renderer.render("See https://example.com/docs for more.");
        assertTrue(html.contains("<a href=\"https://example.com/docs\" rel=\"nofollow noopener noreferrer\">"
                + "https://example.com/docs</a>"), html);
    }

    @Test
    void givesHeadingsAnchorIds() {
        assertTrue(renderer.render("## Getting started").contains("<h2 id=\"getting-started\">Getting started</h2>"));
    }

    @Test
    void keepsRelativeLinksAndImages() {
        String html = renderer.render("[Guide](docs/guide.md) and [top](#usage)\n\n![Logo](img/logo.png \"The logo\")");
        assertTrue(html.contains("<a href=\"docs/guide.md\" rel=\"nofollow noopener noreferrer\">Guide</a>"), html);
        assertTrue(html.contains("<a href=\"#usage\" rel=\"nofollow noopener noreferrer\">top</a>"), html);
        assertTrue(html.contains("<img src=\"img/logo.png\" alt=\"Logo\" title=\"The logo\" />"), html);
    }

    @Test
    void keepsOrdinaryFormattingAndMail() {
        String html = renderer.render("> *a* **b** <del>c</del> `d`\n\n- one\n- two\n\n---\n\n[mail](mailto:ops@example.com)");
        assertTrue(html.contains("<blockquote>"), html);
        assertTrue(html.contains("<em>a</em> <strong>b</strong> <del>c</del> <code>d</code>"), html);
        assertTrue(html.contains("<ul><li>one</li><li>two</li></ul>"), html);
        assertTrue(html.contains("<hr />"), html);
        assertTrue(html.contains("href=\"mailto:ops&#64;example.com\""), html);
    }

    @Test
    void rejectedLinksKeepTheirTextOnly() {
        assertEquals("<p>click me</p>\n", renderer.render("[click me](javascript:alert(1))"));
        assertEquals("<p>see </p>\n", renderer.render("see <javascript:alert(1)>"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "\n\t\n"})
    void blankInputRendersNothing(String markdown) {
        assertEquals("", renderer.render(markdown));
    }

    static List<String> xssVectors() {
        return List.of(
                "<script>alert(1)</script>",
                "<SCRIPT>alert(1)</SCRIPT>",
                "<ScRiPt src=https://evil.example/x.js></ScRiPt>",
                "<script\n>alert(1)</script\n>",
                "text <scr<script>ipt>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<IMG SRC=x OnErRoR=alert(1)>",
                "<img src=\"x\"/onerror=\"alert(1)\">",
                "<svg onload=alert(1)>",
                "<svg><script>alert(1)</script></svg>",
                "[x](javascript:alert(1))",
                "[x](JaVaScRiPt:alert(1))",
                "[x](&#106;avascript:alert(1))",
                "[x](java&#x09;script:alert(1))",
                "[x](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
                "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "[x]: javascript:alert(1)\n\n[click][x]",
                "![x](javascript:alert(1))",
                "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
                "<a href=\"vbscript:msgbox(1)\">x</a>",
                "<a href=\"VBScript:msgbox(1)\">x</a>",
                "<a href=\"  javascript:alert(1)\">x</a>",
                "<a href=\"&#106;avascript:alert(1)\">x</a>",
                "<a href=\"java&#x09;script:alert(1)\">x</a>",
                "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
                "<a href=\"javascript&colon;alert(1)\">x</a>",
                "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
                "<img src=\"jav\tascript:alert(1)\">",
                "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
                "<iframe src=https://evil.example></iframe>",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "<object data=https://evil.example/x.swf></object>",
                "<embed src=https://evil.example/x.swf>",
                "<style>body{background:url(javascript:alert(1))}</style>",
                "<p style=\"background:url(javascript:alert(1))\">x</p>",
                "<div onclick=alert(1)>click</div>",
                "<a href=https://example.com onmouseover=alert(1)>x</a>",
                "<form action=https://evil.example><input name=password type=password></form>",
                "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
                "<base href=https://evil.example/>",
                "<link rel=stylesheet href=https://evil.example/x.css>",
                "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
                "<javascript:alert(1)>",
                "<JavaScript:alert(1)>",
                "<details open ontoggle=alert(1)>x</details>",
                "<body onload=alert(1)>",
                "<video><source onerror=alert(1)></video>",
                "<h2 id=x onfocus=alert(1) tabindex=1>x</h2>",
                "<code class=\"language-java\" onmouseover=alert(1)>x</code>",
                "```java\" onmouseover=\"alert(1)\nx\n```");
    }

    private static final List<String> FORBIDDEN = List.of(
            "<script", "javascript:", "vbscript:", "data:", "<iframe", "<object", "<embed", "<svg", "<style",
            "style=", "<form", "<input", "<meta", "<base", "<link", "<math");

    private static final Pattern EVENT_HANDLER = Pattern.compile("\\son[a-z]+\\s*=");

    @ParameterizedTest
    @MethodSource("xssVectors")
    void neutralisesXss(String markdown) {
        String html = renderer.render(markdown).toLowerCase(Locale.ROOT);
        for (String forbidden : FORBIDDEN) {
            assertFalse(html.contains(forbidden), () -> "found " + forbidden + " in: " + html);
        }
        assertFalse(EVENT_HANDLER.matcher(html).find(), () -> "event handler in: " + html);
    }
}
