package dev.hoist.account;

import java.util.List;

/** An account that is the only owner of organizations cannot be deleted: nobody could manage them after. */
public class SoleOwnerException extends RuntimeException {

    private final transient List<String> organizations;

    public SoleOwnerException(List<String> organizations) {
        super("You are the only owner of " + String.join(", ", organizations) + ". Add another owner to "
                + (organizations.size() == 1 ? "it" : "each of them") + " (its owners team) before you delete your account.",
                null, false, false);
        this.organizations = List.copyOf(organizations);
    }

    public List<String> organizations() {
        return organizations;
    }
}
