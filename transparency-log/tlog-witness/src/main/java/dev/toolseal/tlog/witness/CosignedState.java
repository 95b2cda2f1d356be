package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import java.util.Objects;

/**
 * What a witness remembers of one log: the size and root of the latest checkpoint it cosigned.
 * A log never cosigned is at size 0 with the empty tree's root.
 */
public record CosignedState(long size, Hash root) {
  public CosignedState {
    Objects.requireNonNull(root, "root");
    if (size < 0) {
      throw new IllegalArgumentException("negative size");
    }
  }

  /** The state of a log the witness never cosigned. */
  public static CosignedState empty() {
    return new CosignedState(0, Rfc6962.emptyRoot());
  }
}
