package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.Hash;
import java.util.Arrays;
import java.util.Objects;

/**
 * A checkpoint the log has published: the tree size and root it commits to and the signed note
 * (C2SP tlog-checkpoint) that says so. The store keeps the note as opaque bytes; {@code size}
 * and {@code root} are stored beside it so the compare-and-swap needs no parsing.
 */
public record PublishedCheckpoint(long size, Hash root, byte[] note) {
  public PublishedCheckpoint {
    if (size <= 0) {
      throw new IllegalArgumentException("a published checkpoint covers at least one entry");
    }
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(note, "note");
    if (note.length == 0) {
      throw new IllegalArgumentException("empty checkpoint note");
    }
    note = note.clone();
  }

  /** A copy of the signed note bytes. */
  @Override
  public byte[] note() {
    return note.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublishedCheckpoint c
        && size == c.size
        && root.equals(c.root)
        && Arrays.equals(note, c.note);
  }

  @Override
  public int hashCode() {
    return Objects.hash(size, root, Arrays.hashCode(note));
  }

  @Override
  public String toString() {
    return "PublishedCheckpoint[size=" + size + ", root=" + root + "]";
  }
}
