package dev.hoist.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks' Java sources ({@code bench/src}) use Hoist's own classes: a move or a rename
 * that breaks them must fail the build, not the next person who runs a benchmark.
 */
class BenchSourcesTest {

    @Test
    void theBenchmarksCompileAgainstTodaysCode() throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.list(Path.of("bench/src"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertFalse(sources.isEmpty(), "bench/src holds the benchmarks' sources");
        Path out = Files.createTempDirectory(Path.of("target"), "bench-classes");
        List<String> arguments = new ArrayList<>(List.of("-nowarn", "-proc:none", "-d", out.toString(),
                "-cp", System.getProperty("java.class.path")));
        arguments.addAll(sources);
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = ToolProvider.getSystemJavaCompiler().run(null, null, errors, arguments.toArray(String[]::new));
        assertEquals(0, status, errors.toString());
    }
}
