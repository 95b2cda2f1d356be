package dev.toolseal.registry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import dev.toolseal.tlog.witness.WitnessEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The registry's own configuration, under {@code toolseal.}. */
@ConfigMapping(prefix = "toolseal")
public interface RegistryConfig {

    /** Directory for everything the registry keeps locally: the embedded database and the log key. */
    @WithDefault("data")
    Path dataDir();

    /** The transparency log. */
    Log log();

    /** The embedded PostgreSQL used when no {@code quarkus.datasource.jdbc.url} is configured. */
    EmbeddedPostgres embeddedPostgres();

    /** The write API. */
    Write write();

    /** Who may bind a namespace. */
    Namespaces namespaces();

    /** How ownership proofs are checked (see docs/design/roots-of-trust.md). */
    Ownership ownership();

    /** Namespace rules. */
    interface Namespaces {

        /**
         * Lets a binding without an ownership proof take a namespace nobody holds (first come, first
         * served). Off by default; a namespace whose current key was revoked needs a proof anyway.
         */
        @WithDefault("false")
        boolean firstCome();
    }

    /** Ownership proof checks. */
    interface Ownership {

        /** DNS TXT lookups and the well-known fetch's address lookups. */
        Dns dns();

        /** The well-known file fetch ({@code http} proofs). */
        Http http();

        /** GitHub Actions OIDC tokens ({@code github-oidc} proofs). */
        Oidc oidc();

        /** DNS. */
        interface Dns {

            /** The server asked, {@code host:port} or {@code host}; default the system's resolvers. */
            Optional<String> server();

            /** How long one DNS question may take. */
            @WithDefault("5s")
            Duration timeout();
        }

        /** The well-known fetch. */
        interface Http {

            /** {@code https}, or {@code http} for tests against a loopback server. */
            @WithDefault("https")
            String scheme();

            /** The port; default the scheme's (443 or 80). */
            Optional<Integer> port();

            /** Whether loopback, private and link-local addresses may be fetched (tests only). */
            @WithDefault("false")
            boolean allowPrivateAddresses();

            /** Longest the whole fetch may take. */
            @WithDefault("10s")
            Duration timeout();
        }

        /** The OIDC issuer. */
        interface Oidc {

            /** The {@code iss} a token must carry. */
            @WithDefault("https://token.actions.githubusercontent.com")
            String issuer();

            /** Where the issuer's signing keys are published. */
            @WithDefault("https://token.actions.githubusercontent.com/.well-known/jwks")
            String jwksUrl();

            /** The {@code aud} a token must carry: this registry's. */
            @WithDefault("toolseal")
            String audience();

            /** Clock difference tolerated on {@code exp}, {@code nbf} and {@code iat}. */
            @WithDefault("60s")
            Duration clockSkew();
        }
    }

    /**
     * Witnesses each new checkpoint is sent to, each written {@code <url>|<cosigner vkey>}, comma
     * separated; none by default (checkpoints are then served with the log's signature only).
     */
    Optional<List<WitnessEndpoint>> witnesses();

    /** How the log talks to its witnesses. */
    Witness witness();

    /** How the log talks to its witnesses; see {@link dev.toolseal.registry.witness}. */
    interface Witness {

        /** Longest a witness's latest cosignature may get before the current checkpoint is re-sent. */
        @WithDefault("10m")
        Duration refresh();

        /** Longest one add-checkpoint call may take. */
        @WithDefault("10s")
        Duration timeout();

        /** Wait before calling a witness again after it failed. */
        @WithDefault("30s")
        Duration retry();
    }

    /** The write API's limits. */
    interface Write {

        /** Writes that may wait for a committer; one more is refused with 503 and Retry-After. */
        @WithDefault("4096")
        int queueCapacity();

        /**
         * Most writes committed in one transaction (each runs in a savepoint; PostgreSQL caches 64
         * subtransactions per transaction, so keep it below that).
         */
        @WithDefault("48")
        int maxBatch();

        /**
         * Batches of writes being committed at once: committer threads, each holding one database
         * connection while it commits; keep it below {@code quarkus.datasource.jdbc.max-size}.
         */
        @WithDefault("2")
        int maxConcurrent();

        /** Longest a write waits in the queue for a committer (then 503; nothing is stored). */
        @WithDefault("10s")
        Duration sequenceTimeout();

        /** Longest {@code ?wait=true} waits for a checkpoint that covers the entry. */
        @WithDefault("10s")
        Duration integrationTimeout();

        /** How long a key-binding challenge (POST /v1/keys/challenge) stays usable. */
        @WithDefault("5m")
        Duration challengeTtl();
    }

    /** The transparency log's identity. */
    interface Log {

        /** The checkpoint origin line, which also names the log's note signing key. */
        @WithDefault("toolseal.local/log")
        String origin();

        /** The signing key as a note private key string ({@code PRIVATE+KEY+...}); a secret. */
        Optional<String> privateKey();

        /** A file holding the private key string; default {@code <data-dir>/log-signing.key}, created if absent. */
        Optional<Path> privateKeyFile();

        /**
         * Least time between two checkpoints under sustained writes (each is a signature and a
         * commit); an entry after a quiet spell is integrated at once.
         */
        @WithDefault("100ms")
        Duration checkpointInterval();

        /** Longest an entry waits for more entries before its batch is sequenced; 0 = at once. */
        @WithDefault("0s")
        Duration sequencerMaxWait();
    }

    /** See {@link dev.toolseal.registry.database.EmbeddedDatabaseConfigSourceFactory}, which reads these keys. */
    interface EmbeddedPostgres {

        /** The PostgreSQL data directory; default {@code <data-dir>/postgres}. */
        Optional<Path> dataDir();

        /** A fresh temporary data directory per start, deleted on stop (tests). */
        @WithDefault("false")
        boolean temporary();

        /** How long to wait for the server to accept connections. */
        @WithDefault("60s")
        Duration startupTimeout();
    }
}
