package dev.hoist.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real registry clients (skopeo, podman, docker) with a home directory of the test's own. */
final class Cli {

    record Result(int exit, String output) {
    }

    private Cli() {
    }

    static Path tempDir(String prefix) throws IOException {
        return Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** Runs a command, returns its output; fails the test with the output if it exits non-zero. */
    static String run(Path home, String... command) throws Exception {
        return runWithInput(home, null, command);
    }

    /** Like {@link #run(Path, String...)}, with {@code input} on the command's standard input. */
    static String runWithInput(Path home, String input, String... command) throws Exception {
        Result result = execute(home, input, command);
        if (result.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + result.exit() + ":\n" + result.output());
        }
        return result.output();
    }

    static Result tryRun(Path home, String... command) throws Exception {
        return execute(home, null, command);
    }

    private static Result execute(Path home, String input, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HOME", home.toString());
        builder.environment().put("DOCKER_CONFIG", home.resolve(".docker").toString());
        builder.environment().put("REGISTRY_AUTH_FILE", home.resolve("auth.json").toString());
        builder.environment().put("XDG_RUNTIME_DIR", home.toString());
        Process process = builder.start();
        try (var stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " timed out");
        }
        return new Result(process.exitValue(), output);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    /**
     * podman with its image store under the test's temp dir and a run root of at most 50 characters (podman's limit)
     * in the system temp directory; {@link Podman#close()} resets it and removes both.
     */
    static final class Podman implements AutoCloseable {
        final List<String> command;
        private final Path home;
        private final Path storage;
        private final Path runRoot;

        Podman(Path home) throws IOException {
            this.home = home;
            this.storage = tempDir("podman-storage");
            this.runRoot = Files.createTempDirectory(Path.of("/tmp"), "hoist-podman");
            this.command = List.of("podman", "--root", storage.resolve("root").toString(), "--runroot", runRoot.toString(),
                    "--storage-driver", "vfs");
        }

        String run(String... args) throws Exception {
            return Cli.run(home, concat(command, args));
        }

        Result tryRun(String... args) throws Exception {
            return Cli.tryRun(home, concat(command, args));
        }

        @Override
        public void close() throws Exception {
            tryRun("system", "reset", "--force");
            deleteTree(runRoot);
            deleteTree(storage);
        }
    }
}
