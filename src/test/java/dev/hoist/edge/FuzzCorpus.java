package dev.hoist.edge;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Hostile values for the fuzz test, written as they go on the wire (already percent-encoded where that matters). */
final class FuzzCorpus {

    private FuzzCorpus() {
    }

    static final String DIGEST = "sha256:" + "ab".repeat(32);

    /** For paths, queries and form fields. Raw control bytes are included too: some clients send them. */
    static final List<String> VALUES = List.of(
            "%00", "a%00b", "%01", "%08", "%1b", "%1f", "%7f", "%zz", "%", "%4", "%C3%28", "%ff", "%c0%af", "%ed%a0%80",
            "%f4%90%80%80", "%e2%80%ae", "%0d%0a", "%0aSet-Cookie:x=1", "..", "%2e%2e", "%2e%2e%2f%2e%2e", "%2F", "a%2Fb",
            ".", "//", ";", "a;b=c", "x".repeat(300), "x".repeat(5000), "%41".repeat(3000), "99999999999999999999999",
            "-1", "-9223372036854775808", "9223372036854775807", "2147483648", "0", "1e309", "NaN", "0x10", "+", "%20",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "'%20OR%20'1'='1", "%24%7B7*7%7D", "%7Binject:config%7D", "%F0%9F%90%B3",
            "sha256:", "sha256:zz", DIGEST, "sha512:" + "c".repeat(128), "md5:abc", "bytes=0-", "bytes=-1", "", "null",
            "%5B%5D", "%7B%7D", "true", "private", "public", "ADMIN", "READ", "WRITE", "owners", "library", "_", "-x", "a..b",
            "UPPER", "%C3%A9t%C3%A9", "a%09b", "a%0bb", "\u0000", "a\u0001b", "a\rb");

    static final List<String> CONTENT_TYPES = List.of("application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
            "application/json", "text/plain", "application/octet-stream", "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.index.v1+json",
            "application/x-www-form-urlencoded; charset=%zz", "a/b/c", "%00", "");

    /** Bodies for JSON endpoints (manifests) and anything else. */
    static List<String> bodies() {
        String config = "{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + DIGEST + "\",\"size\":2}";
        return List.of("{", "[]", "null", "{}", "\"x\"", "{\"schemaVersion\":2}", "{\"schemaVersion\":\"2\"}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + config
                        + ",\"layers\":[{\"digest\":\"sha256:\\u0000\",\"size\":-1,\"mediaType\":\"a\"}]}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":" + config
                        + ",\"layers\":[],\"annotations\":{\"a\\u0000\":\"\\u0000\"},\"artifactType\":\"a\\u0000b\"}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{\"digest\":\""
                        + DIGEST + "\",\"size\":1e400},\"layers\":[]}",
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[{\"digest\":\""
                        + DIGEST + "\",\"size\":99999999999999999999,\"platform\":{\"os\":\"\\u0000\"}}]}",
                "{\"schemaVersion\":2,\"subject\":{\"digest\":\"%00\"},\"layers\":null}",
                "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "1".repeat(20000) + "}", "\u0000\u0001\u0002",
                "\uFFFD\uFFFE", "x".repeat(70000), "csrf-token=x&username=%00", "--xyz\r\nContent-Disposition: form-data; "
                        + "name=\"username\"\r\n\r\na\u0000b\r\n--xyz--\r\n");
    }

    static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    static String pick(Random random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }
}
