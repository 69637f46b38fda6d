package dev.hoist.web;

import dev.hoist.model.Repo;
import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.Instant;

/** How pages write counts and times: "1.2M pulls", "updated 3 days ago". */
@TemplateExtension
public class Formats {

    /** Counts as Docker Hub writes them: 950, 12K, 1.2M, 3.4B. */
    static String compact(long count) {
        if (count < 1_000) {
            return Long.toString(count);
        }
        String[] units = { "K", "M", "B" };
        double value = count;
        int unit = -1;
        while (value >= 1_000 && unit < units.length - 1) {
            value /= 1_000;
            unit++;
        }
        String number = value >= 100 || value == Math.floor(value) ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.1f", value);
        return number + units[unit];
    }

    static String compact(int count) {
        return compact((long) count);
    }

    /** When a repository last changed: its last push, or its last edit before any push. */
    static Instant lastUpdated(Repo repo) {
        return repo.lastPushedAt != null ? repo.lastPushedAt : repo.updatedAt;
    }

    /** "just now", "5 minutes ago", "3 days ago", "2 years ago". */
    static String ago(Instant when) {
        if (when == null) {
            return "never";
        }
        long seconds = Math.max(0, Duration.between(when, Instant.now()).toSeconds());
        long[] limits = { 60, 3_600, 86_400, 30L * 86_400, 365L * 86_400, Long.MAX_VALUE };
        long[] sizes = { 1, 60, 3_600, 86_400, 30L * 86_400, 365L * 86_400 };
        String[] names = { "second", "minute", "hour", "day", "month", "year" };
        if (seconds < 60) {
            return "just now";
        }
        for (int i = 1; i < limits.length; i++) {
            if (seconds < limits[i]) {
                long n = seconds / sizes[i];
                return n + " " + names[i] + (n == 1 ? "" : "s") + " ago";
            }
        }
        return "long ago";
    }

    /** A setting's duration in words: "24 hours", "90 minutes", "2 days", "30 seconds". */
    static String spelled(Duration duration) {
        long seconds = duration.toSeconds();
        long[] sizes = { 86_400, 3_600, 60, 1 };
        String[] names = { "day", "hour", "minute", "second" };
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i] && seconds % sizes[i] == 0 || i == sizes.length - 1) {
                long n = seconds / sizes[i];
                return n + " " + names[i] + (n == 1 ? "" : "s");
            }
        }
        throw new IllegalStateException("unreachable");
    }
}
