package dev.toolseal.tlog.note;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The set of known (trusted) keys a note is opened against, looked up by key name and key ID.
 * Two entries with the same name and ID make that lookup ambiguous, which is an error when a
 * signature asks for it (a tampered or broken configuration must not pick one silently).
 */
public final class Verifiers {
  private final List<Verifier> all;

  private Verifiers(List<Verifier> all) {
    this.all = List.copyOf(all);
  }

  public static Verifiers of(Verifier... verifiers) {
    return new Verifiers(List.of(verifiers));
  }

  public static Verifiers of(Collection<? extends Verifier> verifiers) {
    return new Verifiers(new ArrayList<>(verifiers));
  }

  /** All known verifiers, in the order given. */
  public List<Verifier> all() {
    return all;
  }

  /**
   * The single verifier with this name and key ID, or empty if there is none.
   *
   * @throws AmbiguousKeyException if more than one known verifier has this name and key ID
   */
  public Optional<Verifier> find(String name, int keyId) throws AmbiguousKeyException {
    Verifier found = null;
    for (Verifier v : all) {
      if (v.keyId() == keyId && v.name().equals(name)) {
        if (found != null) {
          throw new AmbiguousKeyException(name, keyId);
        }
        found = v;
      }
    }
    return Optional.ofNullable(found);
  }
}
