package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.LogTrust;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a client trusts and requires before it lets a server's tools through. Immutable; built
 * with {@link #builder}.
 *
 * <ul>
 *   <li>{@link #logTrust()}: trusted log keys and optional witness quorum;
 *   <li>publisher trust: {@link PublisherTrust#PINNED} keys per namespace, or {@link
 *       PublisherTrust#LOGGED}: any key bound to the namespace by a key-binding attestation that
 *       is in the log, carries an ownership proof (or the policy {@link
 *       #acceptsUnprovenBindings() accepts unproven bindings} and no revocation of a key of the
 *       namespace was logged before it) and is not revoked there;
 *   <li>reviews: at least {@link #requiredReviews()} distinct assessors among {@link
 *       #assessors()} must have logged a PASSED review of the exact release; a FAILED review by
 *       any of them rejects;
 *   <li>{@link #onMismatch()}: reject the whole server, or hide only the changed entries.
 * </ul>
 */
public final class VerificationPolicy {
  /** Where publisher keys come from. */
  public enum PublisherTrust {
    /** Only keys configured per namespace with {@link Builder#pinPublisherKey}. */
    PINNED,
    /** Keys bound to the namespace by logged, unrevoked key-binding attestations. */
    LOGGED
  }

  /** What to do when the live manifest differs from the signed one. */
  public enum MismatchAction {
    /** Refuse every entry of the server. */
    REJECT_SERVER,
    /**
     * Hide only added, removed, renamed or changed list entries (tools, prompts, resources,
     * templates); a change to server-level parts (instructions, capabilities, server info,
     * protocol version) still refuses the whole server.
     */
    QUARANTINE_CHANGED
  }

  private final LogTrust logTrust;
  private final PublisherTrust publisherTrust;
  private final SortedMap<String, Map<KeyId, VerificationKey>> pinned;
  private final Map<KeyId, VerificationKey> assessors;
  private final int requiredReviews;
  private final MismatchAction onMismatch;
  private final boolean acceptUnprovenBindings;

  private VerificationPolicy(Builder b) {
    this.logTrust = b.logTrust;
    this.publisherTrust = b.publisherTrust;
    TreeMap<String, Map<KeyId, VerificationKey>> p = new TreeMap<>();
    b.pinned.forEach((ns, keys) -> p.put(ns, Collections.unmodifiableMap(
        new LinkedHashMap<>(keys))));
    this.pinned = Collections.unmodifiableSortedMap(p);
    this.assessors = Collections.unmodifiableMap(new LinkedHashMap<>(b.assessors));
    this.requiredReviews = b.requiredReviews;
    this.onMismatch = b.onMismatch;
    this.acceptUnprovenBindings = b.acceptUnprovenBindings;
  }

  public static Builder builder(LogTrust logTrust) {
    return new Builder(logTrust);
  }

  public LogTrust logTrust() {
    return logTrust;
  }

  public PublisherTrust publisherTrust() {
    return publisherTrust;
  }

  /** The keys pinned for {@code namespace}, by key id; empty if none. */
  public Map<KeyId, VerificationKey> pinnedKeys(String namespace) {
    return pinned.getOrDefault(namespace, Map.of());
  }

  /** The assessors whose reviews count, by key id. */
  public Map<KeyId, VerificationKey> assessors() {
    return assessors;
  }

  /** How many distinct assessors must have PASSED the release (k of n); 0 for none. */
  public int requiredReviews() {
    return requiredReviews;
  }

  public MismatchAction onMismatch() {
    return onMismatch;
  }

  /**
   * Whether, under {@link PublisherTrust#LOGGED}, a key binding without an ownership proof counts
   * (first come, first served). Off by default. Even with it on, a binding logged after a
   * revocation of a key of its namespace counts only with a proof.
   */
  public boolean acceptsUnprovenBindings() {
    return acceptUnprovenBindings;
  }

  /** Builds a {@link VerificationPolicy}; by default LOGGED keys, no reviews, REJECT_SERVER. */
  public static final class Builder {
    private final LogTrust logTrust;
    private PublisherTrust publisherTrust;
    private final Map<String, Map<KeyId, VerificationKey>> pinned = new LinkedHashMap<>();
    private final Map<KeyId, VerificationKey> assessors = new LinkedHashMap<>();
    private int requiredReviews;
    private MismatchAction onMismatch = MismatchAction.REJECT_SERVER;
    private boolean acceptUnprovenBindings;

    private Builder(LogTrust logTrust) {
      this.logTrust = Objects.requireNonNull(logTrust, "logTrust");
    }

    /** Trusts {@code key} for releases of servers in {@code namespace}; selects PINNED. */
    public Builder pinPublisherKey(String namespace, VerificationKey key) {
      choose(PublisherTrust.PINNED);
      if (namespace == null || namespace.isEmpty() || namespace.contains("/")) {
        throw new IllegalArgumentException("a namespace is the part of a server name before '/'");
      }
      pinned.computeIfAbsent(namespace, n -> new LinkedHashMap<>())
          .put(key.keyId(), Objects.requireNonNull(key, "key"));
      return this;
    }

    /** Takes publisher keys from logged key bindings; selects LOGGED. */
    public Builder publisherKeysFromLog() {
      choose(PublisherTrust.LOGGED);
      return this;
    }

    /**
     * Under LOGGED trust, lets key bindings without an ownership proof count, except those
     * logged after a revocation of a key of their namespace (docs/design/roots-of-trust.md,
     * section 2). Trust on first binding: whoever the registry let bind first is trusted. Has no
     * effect on pinned keys.
     */
    public Builder acceptUnprovenBindings() {
      acceptUnprovenBindings = true;
      return this;
    }

    /**
     * Requires PASSED reviews by at least {@code k} distinct keys among {@code assessorKeys},
     * replacing any earlier requirement. With {@code k = 0} reviews are not required, but a
     * FAILED review by one of the assessors still rejects.
     */
    public Builder requireReviews(int k, Collection<VerificationKey> assessorKeys) {
      List<VerificationKey> keys = List.copyOf(assessorKeys);
      assessors.clear();
      keys.forEach(key -> assessors.put(key.keyId(), key));
      if (k < 0 || k > assessors.size()) {
        throw new IllegalArgumentException("k must be between 0 and the number of assessors");
      }
      requiredReviews = k;
      return this;
    }

    public Builder onMismatch(MismatchAction action) {
      onMismatch = Objects.requireNonNull(action, "action");
      return this;
    }

    public VerificationPolicy build() {
      if (publisherTrust == null) {
        publisherTrust = PublisherTrust.LOGGED;
      }
      return new VerificationPolicy(this);
    }

    private void choose(PublisherTrust t) {
      if (publisherTrust != null && publisherTrust != t) {
        throw new IllegalStateException("publisher keys are either pinned or from the log");
      }
      publisherTrust = t;
    }
  }

  /** The assessor key ids, for messages. */
  Set<KeyId> assessorIds() {
    return assessors.keySet();
  }
}
