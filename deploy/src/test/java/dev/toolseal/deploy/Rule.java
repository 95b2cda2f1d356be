package dev.toolseal.deploy;

/** What a {@link Finding} is about; tests assert on these, not on messages. */
enum Rule {
    /** A file does not parse (YAML, nginx, shell, Containerfile). */
    UNPARSEABLE,
    /** A file in deploy/ of a kind no check knows. */
    UNKNOWN_FILE,
    /** An image without a version tag (or with {@code latest}) and without a digest. */
    IMAGE_NOT_PINNED,
    /** An image that is not on {@link KnownImages}'s list. */
    IMAGE_UNKNOWN,
    /** An environment variable of the registry that maps to no property it reads. */
    ENV_NOT_A_PROPERTY,
    /** A Secret, ConfigMap, key, Service, port name, compose secret or volume that is not defined. */
    MISSING_REFERENCE,
    /** A file named by another file that does not exist. */
    MISSING_FILE,
    /** A probe or health check path that is not one of the registry's health paths. */
    PROBE_PATH,
    /** A port that is not the registry's HTTP port. */
    PORT,
    /** A proxy that does not cache a log path, or caches it longer than the registry allows. */
    CACHE_TTL,
    /** A parseable log private key in a committed file. */
    COMMITTED_KEY,
    /** The registry's JDBC URL does not point at the database defined beside it. */
    DATABASE_MISMATCH,
    /** Replicas times pool size does not fit the database's max_connections. */
    CONNECTION_BUDGET,
    /** A registry container that may run as root, escalate or write its root file system. */
    INSECURE
}
