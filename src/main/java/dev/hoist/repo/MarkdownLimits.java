package dev.hoist.repo;

import java.util.ArrayList;
import java.util.List;
import org.commonmark.internal.InlineParserImpl;
import org.commonmark.node.Node;
import org.commonmark.parser.InlineParser;
import org.commonmark.parser.InlineParserFactory;
import org.commonmark.parser.PostProcessor;
import org.commonmark.parser.SourceLine;
import org.commonmark.parser.SourceLines;
import org.commonmark.parser.block.BlockParser;
import org.commonmark.parser.block.BlockParserFactory;
import org.commonmark.parser.block.BlockStart;
import org.commonmark.parser.block.MatchedBlockParser;
import org.commonmark.parser.block.ParserState;

/**
 * Bounds on what one README may cost to parse, so that a hostile one cannot take seconds of CPU
 * or overflow the stack (commonmark has no such bounds of its own):
 * <ul>
 * <li>block quotes and lists nest at most {@link #MAX_OPEN_BLOCKS} deep (commonmark's own
 * limit: deeper markers read as text);
 * <li>the tree (block and inline: emphasis in links in emphasis…) at most {@link #MAX_DEPTH} deep,
 * checked without recursion before anything walks it recursively (renderer, post-processors);
 * <li>inline parsing reads at most {@link #INLINE_READS} characters in all: commonmark scans ahead
 * from every {@code <}, {@code [} or backtick for its closer, so a run of them without one costs
 * the square of its length;
 * <li>a paragraph has at most {@link #MAX_PARAGRAPH_LINES} lines: every block start looks at all
 * the lines of the open paragraph, so a long one also costs a square;
 * <li>and whatever else, parsing stops after {@link #DEADLINE_NANOS} of CPU time (CPU, not wall
 * time, so that a busy machine does not refuse a README that a quiet one takes).
 * </ul>
 * Every bound but the first ends the parse with {@link TooComplex}. The parser still recurses on
 * nested inline text before the depth check can run, so parses go to threads with a deep stack
 * ({@link ReadmeRenderer}).
 */
final class MarkdownLimits {

    static final int MAX_OPEN_BLOCKS = 32;
    static final int MAX_DEPTH = 100;
    static final long INLINE_READS = 10_000_000;
    static final int MAX_PARAGRAPH_LINES = 1_000;
    static final long DEADLINE_NANOS = 2_000_000_000L;

    /** A README beyond a bound; its message is for the person who wrote it. */
    static final class TooComplex extends RuntimeException {
        TooComplex(String message) {
            super(message, null, false, false);
        }
    }

    /** What one parse has spent; parses run on one thread each, so the hooks find theirs here. */
    private static final class Budget {
        final long deadline = cpuTime() + DEADLINE_NANOS;
        long inlineReads;
        long lines;
        BlockParser paragraph;
        int paragraphLines;

        void read() {
            if (++inlineReads > INLINE_READS) {
                throw new TooComplex("This README is too costly to display: it has long runs of <, [ or ` "
                        + "(or similar) that are never closed. Shorten them or put them in a code block.");
            }
            if ((inlineReads & 0xFFFF) == 0) {
                checkClock();
            }
        }

        void checkClock() {
            if (cpuTime() > deadline) {
                throw new TooComplex("This README takes too long to display. Simplify it or split it up.");
            }
        }
    }

    private static final ThreadLocal<Budget> BUDGET = new ThreadLocal<>();

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private static long cpuTime() {
        long cpu = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        return cpu >= 0 ? cpu : System.nanoTime();
    }

    private MarkdownLimits() {
    }

    /** Runs one parse under a fresh budget. */
    static <T> T within(java.util.function.Supplier<T> parse) {
        BUDGET.set(new Budget());
        try {
            return parse.get();
        } finally {
            BUDGET.remove();
        }
    }

    private static Budget budget() {
        Budget budget = BUDGET.get();
        if (budget == null) {
            throw new IllegalStateException("Markdown parsed outside MarkdownLimits.within");
        }
        return budget;
    }

    /** Commonmark's inline parser over text that counts every character it reads. */
    static final class CountingInlineParsers implements InlineParserFactory {
        @Override
        public InlineParser create(org.commonmark.parser.InlineParserContext context) {
            // The default parser (internal, but public): wrapping it keeps every extension's inline syntax.
            InlineParser parser = new InlineParserImpl(context);
            return (lines, block) -> {
                Budget budget = budget();
                budget.checkClock();
                List<SourceLine> counted = new ArrayList<>(lines.getLines().size());
                for (SourceLine line : lines.getLines()) {
                    counted.add(SourceLine.of(new CountedText(line.getContent(), budget), line.getSourceSpan()));
                }
                parser.parse(SourceLines.of(counted), block);
            };
        }
    }

    private record CountedText(CharSequence text, Budget budget) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            budget.read();
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new CountedText(text.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    /**
     * Tried first at every line that may start a block: starts nothing, but counts the lines of the
     * open paragraph and watches the clock.
     */
    static final class LineGuard implements BlockParserFactory {
        @Override
        public BlockStart tryStart(ParserState state, MatchedBlockParser matched) {
            Budget budget = budget();
            BlockParser active = state.getActiveBlockParser();
            if (active.getBlock() instanceof org.commonmark.node.Paragraph) {
                if (active != budget.paragraph) {
                    budget.paragraph = active;
                    budget.paragraphLines = 0;
                }
                if (++budget.paragraphLines > MAX_PARAGRAPH_LINES) {
                    throw new TooComplex("This README has a paragraph of more than " + MAX_PARAGRAPH_LINES
                            + " lines. Separate its lines with blank lines or put them in a code block.");
                }
            }
            if ((++budget.lines & 0xFF) == 0) {
                budget.checkClock();
            }
            return BlockStart.none();
        }
    }

    /** Refuses a tree deeper than {@link #MAX_DEPTH}; registered before every other post-processor. */
    static final class DepthCheck implements PostProcessor {
        @Override
        public Node process(Node document) {
            int depth = 0;
            Node node = document;
            while (node != null) {
                if (node.getFirstChild() != null) {
                    node = node.getFirstChild();
                    if (++depth > MAX_DEPTH) {
                        throw new TooComplex("This README nests emphasis, links, quotes or lists more than "
                                + MAX_DEPTH + " levels deep.");
                    }
                    continue;
                }
                while (node != null && node != document && node.getNext() == null) {
                    node = node.getParent();
                    depth--;
                }
                node = node == null || node == document ? null : node.getNext();
            }
            return document;
        }
    }
}
