package dev.toolseal.registry.ownership;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.keys.VerificationKey;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/**
 * The registry's ownership checks, one per {@link Ownership.Method}: DNS TXT records, the
 * well-known file and GitHub OIDC tokens. {@link #check} does the network part and runs before the
 * binding's transaction; {@link #useUp} records what must be single-use inside it.
 */
@ApplicationScoped
public class OwnershipChecks {

    private static final Logger LOG = Logger.getLogger(OwnershipChecks.class);
    private static final Duration PURGE_MARGIN = Duration.ofMinutes(1);

    /** A proof that held; {@code token} is the OIDC token to use up, if the method has one. */
    public record Passed(Ownership proof, Optional<GithubOidc.Accepted> token) {
    }

    private final DnsLookup dns;
    private final WellKnownFetch wellKnown;
    private final GithubOidc oidc;
    private final boolean firstCome;
    private final Duration skew;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public OwnershipChecks(RegistryConfig config) {
        RegistryConfig.Ownership o = config.ownership();
        this.dns = DnsLookup.of(o.dns().server(), o.dns().timeout());
        String scheme = o.http().scheme();
        int port = o.http().port().orElse(scheme.equals("http") ? 80 : 443);
        try {
            this.wellKnown = new WellKnownFetch(dns, scheme, port, o.http().allowPrivateAddresses(), o.http().timeout(),
                    SSLContext.getDefault().getSocketFactory());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no default TLS context", e);
        }
        this.oidc = new GithubOidc(o.oidc().issuer(), o.oidc().jwksUrl(), o.oidc().audience(), o.oidc().clockSkew(),
                clock);
        this.firstCome = config.namespaces().firstCome();
        this.skew = o.oidc().clockSkew();
    }

    void logRule(@Observes StartupEvent start) {
        if (firstCome) {
            LOG.warn("toolseal.namespaces.first-come=true: bindings without an ownership proof may take free "
                    + "namespaces (a namespace whose key was revoked still needs a proof)");
        } else {
            LOG.info("toolseal.namespaces.first-come=false: every key binding needs an ownership proof");
        }
    }

    /** Whether unproven bindings may take namespaces nobody held. */
    public boolean firstCome() {
        return firstCome;
    }

    /** Checks {@code proof} for a binding of {@code key}. Makes network requests. */
    public Passed check(Ownership proof, VerificationKey key) throws OwnershipProofException {
        switch (proof.method()) {
            case DNS -> {
                DomainRecords.requireEd25519(proof.method(), key);
                List<String> texts;
                try {
                    texts = dns.txt(proof.subject());
                } catch (DnsLookup.DnsLookupException e) {
                    throw new OwnershipProofException(proof.method(), ProofFailure.LOOKUP_FAILED, e.getMessage());
                }
                DomainRecords.requireRecordFor(proof.method(), "the TXT records of " + proof.subject(), texts, key);
                return new Passed(proof, Optional.empty());
            }
            case HTTP -> {
                DomainRecords.requireEd25519(proof.method(), key);
                String body = wellKnown.fetch(proof.subject()).strip();
                DomainRecords.requireRecordFor(proof.method(), wellKnown.where(proof.subject()), List.of(body), key);
                return new Passed(proof, Optional.empty());
            }
            case GITHUB_OIDC -> {
                return new Passed(proof, Optional.of(oidc.check(proof)));
            }
            default -> throw new IllegalStateException("unknown method " + proof.method());
        }
    }

    /** Uses up what {@code passed} may prove only once, on the binding's connection. */
    public void useUp(Connection c, Passed passed) throws SQLException, OwnershipProofException {
        if (passed.token().isPresent()) {
            UsedTokens.useUp(c, passed.token().get(), clock.instant().minus(skew).minus(PURGE_MARGIN));
        }
    }
}
