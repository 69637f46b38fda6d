package dev.hoist.webhook;

import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whom HTTPS receivers must be vouched for by: the JVM's certificate authorities, plus those of
 * {@code hoist.webhooks.trust-certificates}. Vert.x's own PEM option would replace the JVM's list,
 * so the two are joined in one key store.
 */
final class ReceiverTrust {

    private ReceiverTrust() {
    }

    /** Trust options for the delivery client, or empty to keep the JVM's defaults. */
    static Optional<TrustOptions> of(Optional<String> pemFile) {
        return pemFile.filter(f -> !f.isBlank()).map(ReceiverTrust::joined);
    }

    private static TrustOptions joined(String pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate ca : jvmAuthorities().getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, ca);
            }
            try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
                Collection<? extends Certificate> added = CertificateFactory.getInstance("X.509").generateCertificates(in);
                if (added.isEmpty()) {
                    throw new IllegalStateException("hoist.webhooks.trust-certificates: no certificate in " + pemFile);
                }
                for (Certificate ca : added) {
                    store.setCertificateEntry("added-" + n++, ca);
                }
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return TrustOptions.wrap(factory.getTrustManagers()[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("hoist.webhooks.trust-certificates: cannot read " + pemFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("hoist.webhooks.trust-certificates: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jvmAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
    }
}
