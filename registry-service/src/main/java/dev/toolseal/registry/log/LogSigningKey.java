package dev.toolseal.registry.log;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.tlog.note.KeyFormatException;
import dev.toolseal.tlog.note.NoteSigner;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.jboss.logging.Logger;

/**
 * The transparency log's note signing key, loaded once at start.
 *
 * <p>Sources, first match wins: {@code toolseal.log.private-key} (the private key string),
 * {@code toolseal.log.private-key-file}, else {@code <toolseal.data-dir>/log-signing.key}, which is
 * generated on first start (mode 0600) and reused afterwards. The key's name must equal
 * {@code toolseal.log.origin}. The public verifier key is logged at start and served at
 * {@code GET /log/key}.
 */
@Startup
@ApplicationScoped
public class LogSigningKey {

    /** The key file's name inside the data directory. */
    public static final String DEFAULT_FILE = "log-signing.key";

    private static final Logger LOG = Logger.getLogger(LogSigningKey.class);

    private final NoteSigner signer;

    @Inject
    public LogSigningKey(RegistryConfig config) {
        this.signer = load(config.log(), config.dataDir());
        LOG.infof("Transparency log %s, verifier key: %s", signer.name(), signer.verifierKey());
    }

    /** The signer; never logged or serialised. */
    public NoteSigner signer() {
        return signer;
    }

    /** The C2SP note verifier key string, {@code <name>+<hex id>+<base64(0x01 || public key)>}. */
    public String verifierKey() {
        return signer.verifierKey();
    }

    static NoteSigner load(RegistryConfig.Log log, Path dataDir) {
        try {
            NoteSigner signer;
            if (log.privateKey().isPresent()) {
                signer = NoteSigner.fromPrivateKeyString(log.privateKey().get().strip());
            } else {
                Path file = log.privateKeyFile().orElse(dataDir.resolve(DEFAULT_FILE));
                String key = LogKeyFile.readOrCreate(file,
                        () -> NoteSigner.generate(log.origin(), new SecureRandom()).toPrivateKeyString());
                if (LogKeyFile.isExposed(file)) {
                    LOG.warnf("Log signing key file %s is accessible to group or others; use mode 0600", file);
                }
                signer = NoteSigner.fromPrivateKeyString(key);
            }
            if (!signer.name().equals(log.origin())) {
                throw new IllegalStateException("the log signing key is named " + signer.name()
                        + " but toolseal.log.origin is " + log.origin());
            }
            return signer;
        } catch (KeyFormatException e) {
            throw new IllegalStateException("the log signing key is not a valid note private key", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the log signing key", e);
        }
    }
}
