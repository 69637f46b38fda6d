package dev.hoist.repo.pages;

import dev.hoist.model.RetentionRules;
import dev.hoist.registry.Retention;
import dev.hoist.registry.RetentionPlans;
import java.util.List;

/** What the retention page shows: the form, whose policy it is, and the dry run of its rules. */
public record RetentionView(String subject, String action, String back, Form form, boolean inherited, boolean organization,
        List<RepoPlan> dryRun, boolean reviewing, Retention.LastRun lastRun) {

    /** The form as typed (numbers as text, so a wrong one is shown back as it was). */
    public record Form(boolean enabled, String keepPattern, String keepLast, String unpulledDays, String untaggedDays,
            String graceDays) {

        static Form of(RetentionRules rules) {
            return new Form(rules.enabled(), rules.keepPattern(), text(rules.keepLast()), text(rules.unpulledDays()),
                    text(rules.untaggedDays()), String.valueOf(rules.graceDays()));
        }

        RetentionRules rules() {
            return RetentionRules.parse(enabled, keepPattern, keepLast, unpulledDays, untaggedDays, graceDays);
        }

        /** The rules' values in one line: saving a policy switched on must send back the one just reviewed. */
        public String fingerprint() {
            RetentionRules r = rules();
            return r.keepPattern() + "|" + r.keepLast() + "|" + r.unpulledDays() + "|" + r.untaggedDays() + "|" + r.graceDays();
        }

        private static String text(Integer value) {
            return value == null ? "" : value.toString();
        }
    }

    /** One repository's dry run. */
    public record RepoPlan(String repository, RetentionPlans.Plan plan) {

        public String totalLabel() {
            long bytes = plan.tags().stream().mapToLong(RetentionPlans.Candidate::size).sum()
                    + plan.manifests().stream().mapToLong(RetentionPlans.Candidate::size).sum();
            return new RetentionPlans.Candidate(null, "", 0, bytes, "").sizeLabel();
        }
    }

    public int total() {
        return dryRun.stream().mapToInt(p -> p.plan().count()).sum();
    }
}
