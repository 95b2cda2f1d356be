package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import java.util.Objects;

/**
 * The (size, root) pair an integration starts from and that the store's compare-and-swap
 * checks: either the empty tree or the tree of the latest published checkpoint.
 */
public record TreeState(long size, Hash root) {
  public TreeState {
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size " + size);
    }
    Objects.requireNonNull(root, "root");
    if (size == 0 && !root.equals(Rfc6962.emptyRoot())) {
      throw new IllegalArgumentException("the empty tree's root is SHA-256 of nothing");
    }
  }

  /** The tree with no leaves. */
  public static TreeState empty() {
    return new TreeState(0, Rfc6962.emptyRoot());
  }

  /** The tree {@code checkpoint} commits to. */
  public static TreeState of(PublishedCheckpoint checkpoint) {
    return new TreeState(checkpoint.size(), checkpoint.root());
  }
}
