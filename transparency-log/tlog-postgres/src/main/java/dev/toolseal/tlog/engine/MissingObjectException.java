package dev.toolseal.tlog.engine;

import java.io.IOException;

/** A tile or bundle that was asked for is not in the store (yet). */
public final class MissingObjectException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String object;

  /** {@code object} names what is missing, e.g. a tile path. */
  public MissingObjectException(String object) {
    super(object + " is not stored");
    this.object = object;
  }

  /** What is missing, e.g. {@code tile/0/001.p/7}. */
  public String object() {
    return object;
  }
}
