package dev.toolseal.verifier.attest;

/** A DSSE envelope's JSON could not be accepted (shape, size, encoding). */
public final class EnvelopeFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public EnvelopeFormatException(String message) {
    super(message);
  }
}
