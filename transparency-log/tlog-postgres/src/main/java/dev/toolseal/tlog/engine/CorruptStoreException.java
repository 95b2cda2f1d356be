package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.Hash;
import java.io.IOException;

/**
 * The stored tiles do not hash to the root of the stored checkpoint: the store was changed
 * behind the log's back. The integrator refuses to build on it rather than publish a tree that
 * is not an extension of the last checkpoint.
 */
public final class CorruptStoreException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long size;
  private final transient Hash checkpointRoot;
  private final transient Hash tileRoot;

  public CorruptStoreException(long size, Hash checkpointRoot, Hash tileRoot) {
    super("the tiles of the tree of size " + size + " hash to " + tileRoot
        + ", but its checkpoint says " + checkpointRoot);
    this.size = size;
    this.checkpointRoot = checkpointRoot;
    this.tileRoot = tileRoot;
  }

  public long size() {
    return size;
  }

  /** The root the published checkpoint commits to. */
  public Hash checkpointRoot() {
    return checkpointRoot;
  }

  /** The root the stored tiles give. */
  public Hash tileRoot() {
    return tileRoot;
  }
}
