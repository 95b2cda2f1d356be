package dev.toolseal.registry.write;

import dev.toolseal.registry.store.KeyRole;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.store.Rows;
import dev.toolseal.registry.store.Transactions;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signature checks ahead of the write batch. A bound key's id, namespace, role and bytes never
 * change (only its state does), so they are kept in memory once read, and a write's signature can
 * be verified on the request's thread, before it queues. The batch still reads the namespace's
 * current key under a lock and accepts the write only if it is the key verified here.
 */
@ApplicationScoped
public class SignerKeys {

    /** Keys kept in memory; the map is cleared when it grows past this. */
    static final int MAX_KEYS = 10_000;

    /** The immutable part of a bound key. */
    private record Known(String namespace, KeyRole role, VerificationKey key) {
    }

    /** A signature verification of one envelope against one key. */
    public interface Check {
        void verify(Envelope envelope, VerificationKey key)
                throws AttestationVerificationException, StatementFormatException, PredicateFormatException;
    }

    private final Transactions transactions;
    private final Map<KeyId, Known> known = new ConcurrentHashMap<>();

    @Inject
    public SignerKeys(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * The first key among the envelope's signers that is (or was) bound as a publisher key to
     * {@code namespace} and whose signature passes {@code check}; empty if there is none (the
     * batch then makes the full check and answers with the precise problem).
     */
    public Optional<KeyId> verifiedSigner(Envelope envelope, String namespace, Check check) {
        for (KeyId id : envelope.keyIds()) {
            Optional<Known> k = known(id);
            if (k.isPresent() && k.get().namespace().equals(namespace) && k.get().role() == KeyRole.PUBLISHER) {
                try {
                    check.verify(envelope, k.get().key());
                    return Optional.of(id);
                } catch (AttestationVerificationException | StatementFormatException | PredicateFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Known> known(KeyId id) {
        Known k = known.get(id);
        if (k != null) {
            return Optional.of(k);
        }
        Optional<Rows.Key> row = transactions.read(c -> RegistryStore.key(c, id));
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Known found = new Known(row.get().namespace(), row.get().role(), KeyWrites.verificationKey(row.get()));
        if (known.size() >= MAX_KEYS) {
            known.clear();
        }
        known.put(id, found);
        return Optional.of(found);
    }
}
