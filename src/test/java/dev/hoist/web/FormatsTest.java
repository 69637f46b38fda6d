package dev.hoist.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void settingsDurationsReadAsWords() {
        assertEquals("1 day", Formats.spelled(Duration.ofHours(24)));
        assertEquals("25 hours", Formats.spelled(Duration.ofHours(25)));
        assertEquals("90 minutes", Formats.spelled(Duration.ofMinutes(90)));
        assertEquals("2 days", Formats.spelled(Duration.ofDays(2)));
        assertEquals("1 second", Formats.spelled(Duration.ofSeconds(1)));
        assertEquals("0 seconds", Formats.spelled(Duration.ZERO));
    }

    @Test
    void countsReadLikeDockerHub() {
        assertEquals("950", Formats.compact(950L));
        assertEquals("12K", Formats.compact(12_000L));
        assertEquals("1.2M", Formats.compact(1_200_000L));
    }
}
