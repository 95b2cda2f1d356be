package dev.toolseal.verifier.registry;

import java.io.IOException;

/**
 * A registry answer did not have the expected shape or was too large. It is an {@link
 * IOException} because, for the caller, the registry then gave no usable answer.
 */
public final class RegistryFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public RegistryFormatException(String message) {
    super(message);
  }

  public RegistryFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
