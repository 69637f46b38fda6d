package dev.hoist.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DigestTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String EMPTY_SHA512 = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
            + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

    @Test
    void parsesSha256() {
        Digest digest = Digest.parse("sha256:" + EMPTY_SHA256);
        assertEquals(Digest.Algorithm.SHA256, digest.algorithm());
        assertEquals(EMPTY_SHA256, digest.hex());
        assertEquals("sha256:" + EMPTY_SHA256, digest.toString());
    }

    @Test
    void parsesSha512() {
        Digest digest = Digest.parse("sha512:" + EMPTY_SHA512);
        assertEquals(Digest.Algorithm.SHA512, digest.algorithm());
        assertEquals("sha512:" + EMPTY_SHA512, digest.toString());
    }

    @Test
    void equalTextGivesEqualDigests() {
        assertEquals(Digest.parse("sha256:" + EMPTY_SHA256), Digest.parse("sha256:" + EMPTY_SHA256));
        assertNotEquals(Digest.parse("sha256:" + EMPTY_SHA256), Digest.parse("sha512:" + EMPTY_SHA512));
    }

    @Test
    void makesTheMatchingMessageDigest() {
        assertEquals(Digest.parse("sha256:" + EMPTY_SHA256),
                Digest.of(Digest.Algorithm.SHA256, Digest.parse("sha256:" + EMPTY_SHA256).newMessageDigest().digest()));
        assertEquals(Digest.parse("sha512:" + EMPTY_SHA512),
                Digest.of(Digest.Algorithm.SHA512, Digest.parse("sha512:" + EMPTY_SHA512).newMessageDigest().digest()));
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Digest.of(Digest.Algorithm.SHA256, Digest.Algorithm.SHA256.newMessageDigest().digest(abc)).toString());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
        "sha256:E3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85g",
        "sha512:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "md5:d41d8cd98f00b204e9800998ecf8427e",
        "SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:",
        ":e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        " sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 ",
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n",
        "sha256::e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
        "sha256:../../../../../../../../../../../../../../../../../../../../etc/passwd",
    })
    void rejectsAnythingElse(String text) {
        InvalidDigestException e = assertThrows(InvalidDigestException.class, () -> Digest.parse(text));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void explainsWhatIsWrong() {
        assertTrue(assertThrows(InvalidDigestException.class,
                () -> Digest.parse("md5:d41d8cd98f00b204e9800998ecf8427e")).getMessage().contains("md5"));
        assertTrue(assertThrows(InvalidDigestException.class, () -> Digest.parse("sha256:ABC"))
                .getMessage().contains("64 lowercase hex"));
    }

    @Test
    void constructorHoldsTheSameRules() {
        assertThrows(InvalidDigestException.class, () -> new Digest(null, EMPTY_SHA256));
        assertThrows(InvalidDigestException.class, () -> new Digest(Digest.Algorithm.SHA512, EMPTY_SHA256));
        assertThrows(InvalidDigestException.class, () -> new Digest(Digest.Algorithm.SHA256, null));
    }
}
