package dev.toolseal.registry.write;

import dev.toolseal.registry.ownership.OwnershipChecks;
import dev.toolseal.registry.ownership.OwnershipProofException;
import dev.toolseal.registry.problem.Problem;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.store.KeyRole;
import dev.toolseal.registry.store.KeyState;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.store.Rows;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.attest.Verified;
import dev.toolseal.verifier.keys.KeyFormatException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Key events: binding a key to a free namespace (signed by that key, with an ownership proof),
 * rotating a namespace's current key (signed by the old and the new key) and revoking a key (signed
 * by the namespace's current key or by the revoked key itself).
 *
 * <p>A binding needs an ownership proof that holds, unless {@code toolseal.namespaces.first-come}
 * lets unproven bindings take namespaces nobody held. A namespace whose current key was revoked
 * keeps a tombstone: binding it again always needs a proof, so whoever holds (or stole) the last key
 * cannot revoke it and bind their own. See docs/design/roots-of-trust.md.
 */
@ApplicationScoped
public class KeyWrites {

    private final EntryCommitter committer;
    private final KeyChallenges challenges;
    private final OwnershipChecks ownership;

    @Inject
    public KeyWrites(EntryCommitter committer, KeyChallenges challenges, OwnershipChecks ownership) {
        this.committer = committer;
        this.challenges = challenges;
        this.ownership = ownership;
    }

    /**
     * POST /v1/keys/bind; the binding must carry an issued, unused challenge, which it uses up, and an
     * ownership proof (see the class comment). The proof's network checks run before the transaction,
     * and only for a live challenge; a failed proof uses the challenge up. Nothing else is stored when
     * the binding is refused.
     */
    public EntryCommitter.Committed bind(Submission s) {
        KeyBinding binding = verified(() -> Attestations.verifyKeyBinding(s.envelope())).value();
        KeyRole role = Namespaces.roleOf(binding.namespace());
        VerificationKey key = binding.key();
        if (binding.ownership().isEmpty() && !ownership.firstCome()) {
            throw ownershipRequired("no-proof", "This registry binds a namespace only with an ownership proof "
                    + "(dns, http or github-oidc).");
        }
        if (binding.ownership().isPresent()) {
            challenges.requireLive(binding.nonce());
        }
        Optional<OwnershipChecks.Passed> passed = binding.ownership().map(p -> checked(p, key, binding.nonce()));
        return committer.commit(s, (c, inserter) -> {
            challenges.consume(c, binding.nonce());
            requireUnbound(c, key.keyId());
            if (RegistryStore.currentKeyForUpdate(c, binding.namespace()).isPresent()) {
                throw new ProblemException(ProblemType.NAMESPACE_TAKEN,
                        "The namespace is bound to another key; rotate it with that key instead.");
            }
            if (passed.isPresent()) {
                useUp(c, passed.get());
            } else if (tombstoned(c, binding.namespace())) {
                throw ownershipRequired("namespace-revoked", "A key of this namespace was revoked; binding it "
                        + "again needs an ownership proof.");
            }
            long id = inserter.insert(c, key.keyId());
            Optional<Rows.Proof> proof = passed.map(p -> new Rows.Proof(p.proof().method().wireName(),
                    p.proof().shown()));
            RegistryStore.insertKey(c, new Rows.Key(key.keyId(), binding.namespace(), role,
                    key.algorithm().wireName(), key.spki(), KeyState.CURRENT, id, proof));
            return id;
        });
    }

    /** POST /v1/keys/rotate. */
    public EntryCommitter.Committed rotate(Submission s) {
        KeyRotation claimed = predicate(() -> KeyRotation.fromStatement(s.statement()));
        return committer.commit(s, (c, inserter) -> {
            Rows.Key current = RegistryStore.currentKeyForUpdate(c, claimed.namespace())
                    .filter(k -> k.keyId().equals(claimed.oldKeyId()))
                    .orElseThrow(() -> notCurrent(c, claimed.oldKeyId()));
            verified(() -> Attestations.verifyRotation(s.envelope(), verificationKey(current)));
            requireUnbound(c, claimed.newKey().keyId());
            long id = inserter.insert(c, current.keyId());
            RegistryStore.setKeyState(c, current.keyId(), KeyState.ROTATED, id);
            VerificationKey next = claimed.newKey();
            RegistryStore.insertKey(c, new Rows.Key(next.keyId(), claimed.namespace(), current.role(),
                    next.algorithm().wireName(), next.spki(), KeyState.CURRENT, id, current.proof()));
            return id;
        });
    }

    /** POST /v1/keys/revoke. */
    public EntryCommitter.Committed revoke(Submission s) {
        KeyRevocation claimed = predicate(() -> KeyRevocation.fromStatement(s.statement()));
        return committer.commit(s, (c, inserter) -> {
            Rows.Key revoked = RegistryStore.key(c, claimed.keyId())
                    .filter(k -> k.namespace().equals(claimed.namespace()))
                    .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_KEY,
                            "The key to revoke is not bound to this namespace."));
            if (revoked.state() == KeyState.REVOKED) {
                throw new ProblemException(ProblemType.KEY_REVOKED, "The key is already revoked.");
            }
            Optional<Rows.Key> current = RegistryStore.currentKeyForUpdate(c, claimed.namespace());
            VerificationKey authorityKey = verificationKey(current.orElse(revoked));
            Optional<VerificationKey> self = Optional.of(verificationKey(revoked));
            Verified<KeyRevocation> v = verified(() -> Attestations.verifyRevocation(s.envelope(), authorityKey, self));
            KeyId authority = v.signers().contains(authorityKey.keyId()) ? authorityKey.keyId() : revoked.keyId();
            long id = inserter.insert(c, authority);
            RegistryStore.setKeyState(c, revoked.keyId(), KeyState.REVOKED, id);
            return id;
        });
    }

    /** Checks the proof over the network; a failed proof uses up the binding's challenge. */
    private OwnershipChecks.Passed checked(Ownership proof, VerificationKey key, Optional<String> nonce) {
        try {
            return ownership.check(proof, key);
        } catch (OwnershipProofException e) {
            nonce.ifPresent(challenges::discard);
            throw e.toProblem();
        }
    }

    private void useUp(Connection c, OwnershipChecks.Passed passed) throws SQLException {
        try {
            ownership.useUp(c, passed);
        } catch (OwnershipProofException e) {
            throw e.toProblem();
        }
    }

    /** Whether a key of {@code namespace} was ever revoked: its tombstone. */
    private static boolean tombstoned(Connection c, String namespace) throws SQLException {
        return RegistryStore.keys(c, namespace).stream().anyMatch(k -> k.state() == KeyState.REVOKED);
    }

    private static ProblemException ownershipRequired(String why, String detail) {
        return new ProblemException(ProblemType.OWNERSHIP_REQUIRED, detail, new Problem.Proof(null, why));
    }

    private static void requireUnbound(Connection c, KeyId keyId) throws SQLException {
        Optional<Rows.Key> existing = RegistryStore.key(c, keyId);
        if (existing.isPresent()) {
            throw existing.get().state() == KeyState.REVOKED
                    ? new ProblemException(ProblemType.KEY_REVOKED, "This key was revoked and cannot be bound again.")
                    : new ProblemException(ProblemType.KEY_IN_USE, "This key is already bound.");
        }
    }

    private static ProblemException notCurrent(Connection c, KeyId oldKey) {
        try {
            boolean revoked = RegistryStore.key(c, oldKey).map(k -> k.state() == KeyState.REVOKED).orElse(false);
            return revoked ? new ProblemException(ProblemType.KEY_REVOKED, "The old key is revoked.")
                    : new ProblemException(ProblemType.UNKNOWN_KEY, "The old key is not the namespace's current key.");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static VerificationKey verificationKey(Rows.Key row) {
        try {
            return VerificationKey.fromSpki(row.spki());
        } catch (KeyFormatException e) {
            throw new IllegalStateException("a stored key does not parse", e);
        }
    }

    /** Verification that throws attestation exceptions. */
    interface Verification<T> {
        T run() throws AttestationVerificationException, StatementFormatException, PredicateFormatException;
    }

    static <T> T verified(Verification<T> verification) {
        try {
            return verification.run();
        } catch (AttestationVerificationException e) {
            throw Rejections.of(e);
        } catch (StatementFormatException | PredicateFormatException e) {
            throw Rejections.invalidStatement();
        }
    }

    /** Reading a predicate that may throw {@link PredicateFormatException}. */
    interface PredicateRead<T> {
        T run() throws PredicateFormatException, AttestationVerificationException;
    }

    static <T> T predicate(PredicateRead<T> read) {
        try {
            return read.run();
        } catch (PredicateFormatException e) {
            throw Rejections.invalidStatement();
        } catch (AttestationVerificationException e) {
            throw Rejections.of(e);
        }
    }
}
