package dev.hoist.webhook;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Hoist trusting an installation's own CA for HTTPS receivers. The certificates are made with the
 * JDK's keytool under target/: {@code trusted} (for 127.0.0.2, in the PEM Hoist trusts),
 * {@code misnamed} (trusted too, but for 127.0.0.9) and {@code stranger} (for 127.0.0.2, trusted by nobody).
 */
public class TlsReceiverProfile implements QuarkusTestProfile {

    static final Path DIR = Path.of("target", "webhook-tls");
    private static final char[] PASSWORD = "receiver".toCharArray();

    @Override
    public Map<String, String> getConfigOverrides() {
        try {
            Files.createDirectories(DIR);
            StringBuilder pem = new StringBuilder();
            for (String[] cert : new String[][] {{"trusted", "127.0.0.2"}, {"misnamed", "127.0.0.9"}, {"stranger", "127.0.0.2"}}) {
                Files.deleteIfExists(DIR.resolve(cert[0] + ".p12"));
                keytool("-genkeypair", "-alias", cert[0], "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                        "-dname", "CN=" + cert[0], "-ext", "SAN=ip:" + cert[1], "-storetype", "PKCS12",
                        "-keystore", DIR.resolve(cert[0] + ".p12").toString(), "-storepass", new String(PASSWORD));
                if (!cert[0].equals("stranger")) {
                    pem.append(keytool("-exportcert", "-rfc", "-alias", cert[0], "-keystore",
                            DIR.resolve(cert[0] + ".p12").toString(), "-storepass", new String(PASSWORD)));
                }
            }
            Files.writeString(DIR.resolve("trusted-cas.pem"), pem);
            return Map.of("hoist.webhooks.trust-certificates", DIR.resolve("trusted-cas.pem").toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server side of {@code name}'s certificate, for {@link Receiver#https}. */
    static SSLContext serverContext(String name) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(DIR.resolve(name + ".p12"))) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static String keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        try {
            if (process.waitFor() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return out;
    }
}
