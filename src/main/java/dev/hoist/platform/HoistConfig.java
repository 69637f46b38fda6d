package dev.hoist.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Hoist's own settings, under {@code hoist.} in application.properties or HOIST_… variables. */
@ConfigMapping(prefix = "hoist")
public interface HoistConfig {

    /** Public address used in emailed links; by default the address the request came to. */
    Optional<String> baseUrl();

    /** Where the embedded PostgreSQL (and later the blobs) keep their data. */
    @WithDefault("data")
    String dataDir();

    /** Usernames of the site administrators: they own the library namespace and verify publishers. */
    Optional<java.util.List<String>> siteAdmins();

    Plan plan();

    RegistrySettings registry();

    Password password();

    Session session();

    Login login();

    Oidc oidc();

    Gc gc();

    Audit audit();

    /** The audit log, see {@code dev.hoist.audit}. */
    interface Audit {
        /** How long entries are kept; an hourly job deletes older ones. */
        @WithDefault("P365D")
        Duration retention();

        /** Also write each entry as one JSON line in log category {@code hoist.audit} (for a SIEM). */
        @WithDefault("false")
        boolean logLines();
    }

    /** Online garbage collection of blobs, see {@code dev.hoist.registry.GarbageCollector}. */
    interface Gc {
        /**
         * How long a blob a repository has, but no manifest of it uses, is kept: clients upload
         * layers before the manifest that names them.
         */
        @WithDefault("PT24H")
        Duration grace();

        /** How often the collector runs in each copy of Hoist ({@code 1h}, {@code 30m}); {@code off} never. */
        @WithDefault("1h")
        String interval();
    }

    /** Sign in with Keycloak (any OpenID Connect provider): on when the issuer is set. */
    interface Oidc {
        /** The provider's issuer URL, e.g. {@code https://sso.example.com/realms/hoist}. */
        Optional<String> issuer();

        @WithDefault("hoist")
        String clientId();

        Optional<String> clientSecret();

        /** The name on the sign-in button. */
        @WithDefault("Keycloak")
        String providerName();

        /** False hides the local sign-in form and sign-up (only when OIDC is on). */
        @WithDefault("true")
        boolean localLogin();

        default boolean enabled() {
            return issuer().filter(i -> !i.isBlank()).isPresent();
        }
    }

    interface RegistrySettings {
        /** The name clients pass as {@code service} to the token endpoint, and the tokens' audience. */
        @WithDefault("hoist")
        String service();
    }

    interface Plan {
        /** Private repositories one user or organization may own (Docker Hub's free plan: 1). */
        @WithDefault("1")
        int privateRepositories();
    }

    interface Password {
        /** bcrypt work factor: 12 is about 250 ms on our machines. */
        @WithDefault("12")
        int bcryptCost();
    }

    interface Session {
        @WithDefault("P30D")
        Duration maxAge();

        /** Mark cookies Secure; turn on whenever Hoist is served over HTTPS. */
        @WithDefault("false")
        boolean secureCookie();
    }

    interface Login {
        /** Failed sign-ins for one account name within the window before it is locked. */
        @WithDefault("5")
        int accountFailures();

        /** Failed sign-ins from one client address within the window before it is locked. */
        @WithDefault("30")
        int addressFailures();

        @WithDefault("PT15M")
        Duration window();

        @WithDefault("PT15M")
        Duration lockout();

        /** Wrong personal access tokens from one client address within the window before its tokens are refused. */
        @WithDefault("30")
        int tokenAddressFailures();

        /** Password (bcrypt) checks running at once in each copy; by default half the cores, at least 1. */
        Optional<Integer> checkThreads();

        /** Password checks that may wait for a free thread; more are refused (429) until some finish. */
        @WithDefault("200")
        int checkQueue();

        /** Failed password sign-ins per minute in each copy, from all addresses, before suspect ones are slowed. */
        @WithDefault("60")
        int failureBudget();

        /** How long a suspect sign-in (a name or address that failed in this window) waits once the budget is spent. */
        @WithDefault("PT2S")
        Duration failureDelay();
    }

    Quota quota();

    /** What one account may hold and how fast it may create, see {@code dev.hoist.quota.Quotas}. */
    interface Quota {
        /** Organizations one user may create. */
        @WithDefault("50")
        int organizationsPerUser();

        /** Repositories in one user's or organization's namespace. */
        @WithDefault("10000")
        int repositoriesPerNamespace();

        /** Blob upload sessions one user may have open at once (a push opens one per layer). */
        @WithDefault("50")
        int uploadSessionsPerUser();

        /** Personal access tokens one user may have. */
        @WithDefault("100")
        int tokensPerUser();

        /** Repositories, organizations, teams and tokens one account may create in any 60 seconds. */
        @WithDefault("60")
        int creationsPerMinute();
    }

    Database database();

    /** How each copy watches its database, see {@code dev.hoist.platform.DatabaseWatch}. */
    interface Database {
        /** How often it checks that the database answers; a check that fails makes requests answer 503 at once. */
        @WithDefault("PT1S")
        Duration checkInterval();
    }

    /**
     * Hosts a request may come through for its address to be used in emailed links when no base
     * URL is set; by default localhost and this machine's own names and addresses.
     */
    Optional<java.util.List<String>> allowedHosts();

    Mail mail();

    SignupLimits signup();

    /** Mails Hoist sends on request (verification, email change, and any later kind). */
    interface Mail {
        /** Mails one account may cause within the window. */
        @WithDefault("5")
        int perAccount();

        /** Mails one recipient address may get within the window, whoever asks. */
        @WithDefault("5")
        int perRecipient();

        @WithDefault("PT1H")
        Duration window();
    }

    interface SignupLimits {
        /** Sign-up attempts from one client address (an IPv6 /64) within the window. */
        @WithDefault("10")
        int perAddress();

        @WithDefault("PT1H")
        Duration window();
    }

    Edge edge();

    /** Limits at the HTTP edge against slow and flooding clients, see {@code dev.hoist.edge}. */
    interface Edge {
        /** Requests in progress from one client address for pages, {@code /token} and the JSON APIs; more get 429. */
        @WithDefault("32")
        int addressConcurrency();

        /** How long a request body other than a blob upload may take to arrive before the request gets 408. */
        @WithDefault("PT30S")
        Duration bodyTimeout();

        /** Blob uploads whose bytes are being received at once, all callers together; more get 429. */
        @WithDefault("256")
        int uploads();

        /** Blob uploads being received at once for one account (or one address without an account). */
        @WithDefault("24")
        int uploadsPerCaller();

        /** Bytes per second an upload must average after its first {@code upload-grace}; slower ones are cut. */
        @WithDefault("1024")
        long uploadMinRate();

        @WithDefault("PT60S")
        Duration uploadGrace();
    }
}
