package dev.toolseal.tlog.engine;

import java.io.IOException;

/**
 * The store was asked to write an immutable object (a tile, an entry bundle, a checkpoint of
 * some size) that already exists with different bytes. The write was refused and nothing of
 * the transaction was kept: this means two writers disagree about the tree, which must never
 * be papered over by overwriting.
 */
public final class StoreConflictException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String object;

  /** {@code object} names what conflicted, e.g. a tile path or {@code checkpoint size 42}. */
  public StoreConflictException(String object) {
    super(object + " already exists with different bytes");
    this.object = object;
  }

  /** What conflicted, e.g. {@code tile/0/001} or {@code checkpoint 42}. */
  public String object() {
    return object;
  }
}
