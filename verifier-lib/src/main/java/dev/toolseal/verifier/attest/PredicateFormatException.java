package dev.toolseal.verifier.attest;

/**
 * A predicate (release, review or key event) has the wrong type or shape, or disagrees with
 * its statement's subject.
 */
public final class PredicateFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String predicateType;

  public PredicateFormatException(String predicateType, String message) {
    super(message + " (" + predicateType + ")");
    this.predicateType = predicateType;
  }

  /** The predicate type the parser expected. */
  public String predicateType() {
    return predicateType;
  }
}
