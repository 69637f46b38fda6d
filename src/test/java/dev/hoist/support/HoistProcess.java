package dev.hoist.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged Hoist started as its users start it: {@code java -jar}, in a working directory of its own. */
public class HoistProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path workDir;

    private HoistProcess(Process process, int port, Path workDir) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
    }

    /** Starts the jar in {@code workDir} with {@code env} added, and waits until it is healthy. */
    public static HoistProcess start(Path workDir, Map<String, String> env) throws IOException, InterruptedException {
        return start(workDir, env, List.of());
    }

    /** The same, with options for the JVM such as {@code -Xmx160m}. */
    public static HoistProcess start(Path workDir, Map<String, String> env, List<String> jvmOptions)
            throws IOException, InterruptedException {
        int port = freePort();
        String jar = System.getProperty("hoist.app.jar", "target/quarkus-app/quarkus-run.jar");
        List<String> command = new ArrayList<>();
        // As started from a terminal: a build run in the background ignores SIGINT, its children
        // inherit that, and the JVM then never sees Ctrl-C.
        command.addAll(List.of("env", "--default-signal=INT"));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-Dquarkus.http.port=" + port);
        if (!env.containsKey("QUARKUS_MANAGEMENT_PORT")) {
            // Copies side by side on one machine: each its own management port (metrics).
            command.add("-Dquarkus.management.port=" + freePort());
        }
        command.add("-jar");
        command.add(Path.of(jar).toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("hoist.log").toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("HOIST_"));
        builder.environment().putAll(env);
        HoistProcess hoist = new HoistProcess(builder.start(), port, workDir);
        hoist.awaitHealthy();
        return hoist;
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process printed. */
    public Path log() {
        return workDir.resolve("hoist.log");
    }

    /** Sends a signal as a terminal or a service manager would ("TERM", "INT") and waits for the exit. */
    public int stop(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Hoist did not stop within 60 s of SIG" + signal);
        }
        return process.exitValue();
    }

    private void awaitHealthy() throws InterruptedException, IOException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("Hoist exited with " + process.exitValue() + "; see " + workDir.resolve("hoist.log"));
            }
            try {
                HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(baseUri() + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new AssertionError("Hoist did not become healthy within 120 s; see " + workDir.resolve("hoist.log"));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
