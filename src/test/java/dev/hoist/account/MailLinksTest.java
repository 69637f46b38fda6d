package dev.hoist.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The hosts a link may be built from, and what the start says when HOIST_BASE_URL is unset. */
@QuarkusTest
class MailLinksTest {

    @Inject
    MailLinks links;

    @Test
    void onlyKnownHostsMakeLinks() {
        assertEquals(Optional.of("http://localhost:8080"), links.base(URI.create("http://localhost:8080/")));
        assertEquals(Optional.of("http://LOCALHOST.:8080"), links.base(URI.create("http://LOCALHOST.:8080/")));
        assertEquals(Optional.of("http://[::1]:9000"), links.base(URI.create("http://[::1]:9000/")));
        assertEquals(Optional.empty(), links.base(URI.create("http://evil.example.com/")));
        assertEquals(Optional.empty(), links.base(URI.create("http://localhost.evil.example.com/")));
        assertEquals(Optional.empty(), links.base(URI.create("http://127.0.0.1.nip.io/")));
    }

    @Test
    void theStartSaysToSetTheBaseUrl() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(MailLinks.class.getName());
        logger.addHandler(handler);
        try {
            links.onStart(null);
        } finally {
            logger.removeHandler(handler);
        }
        assertTrue(records.stream().anyMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()
                && String.valueOf(r.getMessage()).contains("HOIST_BASE_URL is not set")), records.toString());
    }

    @Test
    void anIpv6ClientCountsAsItsWholeSlash64() {
        assertEquals(SignupThrottle.network("2001:db8:1:2:aaaa::1"), SignupThrottle.network("2001:db8:1:2:bbbb::9"));
        assertTrue(!SignupThrottle.network("2001:db8:1:2::1").equals(SignupThrottle.network("2001:db8:1:3::1")));
        assertEquals("203.0.113.5", SignupThrottle.network("203.0.113.5"));
    }
}
