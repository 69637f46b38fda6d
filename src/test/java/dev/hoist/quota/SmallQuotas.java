package dev.hoist.quota;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Quotas small enough that a test reaches each of them with a burst of a dozen requests. */
public class SmallQuotas implements QuarkusTestProfile {

    public static final int ORGANIZATIONS = 3;
    public static final int REPOSITORIES = 4;
    public static final int UPLOAD_SESSIONS = 3;
    public static final int TOKENS = 3;
    public static final int CREATIONS_PER_MINUTE = 10;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "hoist.quota.organizations-per-user", Integer.toString(ORGANIZATIONS),
                "hoist.quota.repositories-per-namespace", Integer.toString(REPOSITORIES),
                "hoist.quota.upload-sessions-per-user", Integer.toString(UPLOAD_SESSIONS),
                "hoist.quota.tokens-per-user", Integer.toString(TOKENS),
                "hoist.quota.creations-per-minute", Integer.toString(CREATIONS_PER_MINUTE));
    }
}
