import java.util.List;
import java.util.Random;

/** The vocabulary of a believable image hub: real software, real purposes, real-looking people. */
final class Words {

    private Words() {
    }

    /** Official images, as on Docker Hub (the library namespace). */
    static final List<String> OFFICIAL = List.of(
            "postgres", "nginx", "redis", "ubuntu", "alpine", "node", "python", "mysql", "mongo", "httpd",
            "debian", "busybox", "golang", "openjdk", "eclipse-temurin", "traefik", "rabbitmq", "mariadb",
            "memcached", "elasticsearch", "wordpress", "php", "ruby", "centos", "fedora", "haproxy", "consul",
            "vault", "influxdb", "telegraf", "chronograf", "kibana", "logstash", "cassandra", "couchdb",
            "neo4j", "solr", "sonarqube", "jenkins", "nextcloud", "ghost", "drupal", "joomla", "redmine",
            "gradle", "maven", "rust", "perl", "erlang", "elixir", "haskell", "julia", "swift", "dart",
            "clojure", "groovy", "kong", "caddy", "tomcat", "jetty", "zookeeper", "kafka", "nats",
            "registry", "docker", "buildpack-deps", "amazonlinux", "oraclelinux", "rockylinux", "almalinux",
            "archlinux", "photon", "clearlinux", "mono", "pypy", "hylang", "bash", "composer", "adminer",
            "phpmyadmin", "matomo", "mediawiki", "odoo", "owncloud", "mongo-express",
            "percona", "postgis", "timescaledb", "cockroach", "arangodb", "orientdb", "aerospike", "rethinkdb",
            "couchbase", "eclipse-mosquitto", "emqx", "flink", "spark", "storm", "hadoop", "nifi", "airflow",
            "superset", "metabase", "grafana", "prometheus", "alertmanager", "loki", "promtail", "tempo");

    /** Software that people build on and name their images after. */
    static final List<String> TECH = List.of(
            "postgres", "postgresql", "nginx", "redis", "node", "python", "golang", "java", "spring", "django",
            "flask", "rails", "laravel", "symfony", "express", "nextjs", "react", "vue", "angular", "svelte",
            "mysql", "mariadb", "mongo", "mongodb", "kafka", "rabbitmq", "zookeeper", "elasticsearch", "opensearch",
            "kibana", "grafana", "prometheus", "alpine", "ubuntu", "debian", "centos", "busybox", "traefik",
            "haproxy", "envoy", "jenkins", "gitlab", "terraform", "ansible", "kubectl", "helm", "argocd", "vault",
            "consul", "minio", "ceph", "etcd", "coredns", "bind", "openvpn", "wireguard", "squid", "varnish",
            "memcached", "sqlite", "clickhouse", "cassandra", "influxdb", "timescale", "airflow", "spark", "flink",
            "jupyter", "tensorflow", "pytorch", "cuda", "ollama", "llama", "stable-diffusion", "whisper", "php",
            "ruby", "rust", "dotnet", "aspnet", "deno", "bun", "hugo", "jekyll", "wordpress", "ghost", "drupal",
            "nextcloud", "mattermost", "keycloak", "oauth2-proxy", "caddy", "tomcat", "wildfly", "quarkus",
            "micronaut", "selenium", "chromium", "firefox", "puppeteer", "playwright", "ffmpeg", "imagemagick",
            "tesseract", "pandoc", "latex", "mosquitto", "home-assistant", "zigbee2mqtt", "pihole", "plex",
            "jellyfin", "sonarr", "radarr", "transmission", "qbittorrent", "syncthing", "restic", "borg");

    /** What an image does, as the second half of its name. */
    static final List<String> ROLE = List.of(
            "api", "app", "web", "worker", "service", "backend", "frontend", "proxy", "exporter", "operator",
            "builder", "runner", "cli", "sdk", "base", "dev", "test", "ci", "tools", "server", "client", "bot",
            "db", "cache", "agent", "gateway", "dashboard", "scheduler", "backup", "migrate", "monitor", "sidecar",
            "init", "job", "cron", "slim", "alpine", "debug", "docs", "demo", "starter", "template", "playground",
            "lab", "sandbox", "stack", "cluster", "ha", "arm64", "gpu", "jdk", "jre", "nightly", "stable");

    /** Product and project words that are not software names. */
    static final List<String> PROJECT = List.of(
            "acme", "billing", "payments", "checkout", "orders", "inventory", "catalog", "search", "auth",
            "identity", "users", "accounts", "notifications", "mailer", "chat", "analytics", "reporting",
            "metrics", "logging", "tracing", "events", "stream", "pipeline", "ingest", "etl", "warehouse",
            "crawler", "scraper", "shop", "store", "blog", "portal", "admin", "console", "gateway", "edge",
            "media", "video", "images", "thumbnails", "upload", "storage", "files", "docs", "wiki", "forum",
            "game", "matchmaking", "leaderboard", "weather", "maps", "geo", "routing", "fleet", "iot", "sensor",
            "home", "lab", "homelab", "personal", "my", "hello", "sample", "example", "todo", "notes", "kanban");

    static final List<String> ADJECTIVE = List.of(
            "Lightweight", "Minimal", "Production-ready", "Fast", "Secure", "Hardened", "Tiny", "Multi-arch",
            "Batteries-included", "Opinionated", "Simple", "Self-hosted", "Distroless", "Rootless", "Unofficial",
            "Community", "Experimental", "Stable", "Automated", "Preconfigured");

    static final List<String> PURPOSE = List.of(
            "for local development", "for CI pipelines", "with automatic TLS", "with Prometheus metrics",
            "for Kubernetes", "behind a reverse proxy", "with health checks", "for ARM and x86",
            "with scheduled backups", "for microservices", "with hot reload", "for data pipelines",
            "with a web dashboard", "for home labs", "built nightly from source", "with sensible defaults",
            "for edge devices", "with S3 storage", "for machine learning", "with OpenTelemetry tracing");

    static final List<String> FIRST = List.of(
            "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj",
            "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yusuf", "zoe", "amir", "bea",
            "chen", "dmitri", "elena", "fatima", "gustavo", "hana", "ines", "jonas", "kenji", "lena", "mateo",
            "nadia", "omar", "priya", "quinn", "rosa", "sven", "tariq", "uma", "vera", "wei", "xavier", "yara",
            "zara", "lucas", "mia", "noah", "emma", "liam", "sofia", "leo", "anna", "max", "lara", "tom", "kim");

    static final List<String> LAST = List.of(
            "smith", "jones", "garcia", "muller", "rossi", "dubois", "kowalski", "tanaka", "kim", "nguyen",
            "singh", "patel", "silva", "santos", "novak", "horvat", "berg", "lindqvist", "okafor", "mensah",
            "cohen", "levi", "ivanov", "petrov", "yilmaz", "demir", "khan", "ali", "wang", "li", "zhang", "chen");

    static final List<String> ORG_WORD = List.of(
            "labs", "io", "hq", "dev", "tech", "cloud", "systems", "works", "soft", "data", "ops", "inc", "team",
            "group", "digital", "studio", "foundation", "project", "oss", "hub");

    static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Zipf-like: early entries are picked far more often, as popular software is. */
    static <T> T pickSkewed(Random random, List<T> list) {
        double u = random.nextDouble();
        return list.get((int) (list.size() * u * u));
    }
}
