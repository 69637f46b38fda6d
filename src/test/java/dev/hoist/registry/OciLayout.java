package dev.hoist.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** A small OCI image layout made by the test, as `skopeo copy oci:DIR:TAG` reads it: random layer, config, manifest. */
final class OciLayout {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A blob with its digest. */
    record Blob(String digest, byte[] bytes) {
        static Blob of(byte[] bytes) {
            return new Blob("sha256:" + sha256(bytes), bytes);
        }
    }

    /** What was written: the manifest's digest and the blobs. */
    record Image(String manifestDigest, Blob manifest, Blob config, Blob layer) {
    }

    private OciLayout() {
    }

    static Image write(Path dir, String tag, int layerBytes) throws IOException {
        Image image = image(layerBytes);
        Blob layer = image.layer();
        Blob config = image.config();
        Blob manifest = image.manifest();
        Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
        for (Blob blob : List.of(layer, config, manifest)) {
            Files.write(blobs.resolve(blob.digest().substring(7)), blob.bytes());
        }
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        Files.write(dir.resolve("index.json"), JSON.writeValueAsBytes(Map.of(
                "schemaVersion", 2,
                "manifests", List.of(Map.of("mediaType", "application/vnd.oci.image.manifest.v1+json",
                        "digest", manifest.digest(), "size", manifest.bytes().length,
                        "annotations", Map.of("org.opencontainers.image.ref.name", tag))))));
        return image;
    }

    /** An image with one random layer, made in memory. */
    static Image image(int layerBytes) throws IOException {
        // A real layer: a tar with one file of random bytes, gzipped; diff_ids name the uncompressed tar.
        byte[] tar = tar("data.bin", random(layerBytes));
        Blob layer = Blob.of(gzip(tar));
        Blob config = Blob.of(JSON.writeValueAsBytes(Map.of(
                "architecture", "amd64", "os", "linux",
                "rootfs", Map.of("type", "layers", "diff_ids", List.of("sha256:" + sha256(tar))),
                "config", Map.of())));
        Blob manifest = Blob.of(JSON.writeValueAsBytes(Map.of(
                "schemaVersion", 2,
                "mediaType", "application/vnd.oci.image.manifest.v1+json",
                "config", Map.of("mediaType", "application/vnd.oci.image.config.v1+json", "digest", config.digest(),
                        "size", config.bytes().length),
                "layers", List.of(Map.of("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip",
                        "digest", layer.digest(), "size", layer.bytes().length)))));
        return new Image(manifest.digest(), manifest, config, layer);
    }

    /** A POSIX ustar archive holding one regular file. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 1_700_000_000L));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        java.util.Arrays.fill(header, 148, 156, (byte) ' ');
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[155] = ' ';
        int padded = (content.length + 511) / 512 * 512;
        byte[] tar = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, tar, 0, 512);
        System.arraycopy(content, 0, tar, 512, content.length);
        return tar;
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
