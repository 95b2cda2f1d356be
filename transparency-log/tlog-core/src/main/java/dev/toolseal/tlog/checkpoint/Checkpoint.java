package dev.toolseal.tlog.checkpoint;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.note.StrictBase64;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint note body: origin line, tree size in decimal, base64 root hash, then
 * optional non-empty extension lines, each line ending in a newline. The empty tree is size 0
 * with root SHA-256("") ({@link Rfc6962#emptyRoot()}); no other root is accepted for size 0.
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {
  /** Largest body {@link #parse} accepts, in chars (a real checkpoint is about 100). */
  public static final int MAX_BODY_CHARS = 64 * 1024;

  /**
   * @throws IllegalArgumentException if the origin or an extension line is empty or contains a
   *     control character or unpaired surrogate, the size is negative, or size 0 has a root other
   *     than the empty tree's
   */
  public Checkpoint {
    Objects.requireNonNull(root, "root");
    String bad = problem(origin);
    if (bad != null) {
      throw new IllegalArgumentException("origin " + bad);
    }
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size");
    }
    if (size == 0 && !root.equals(Rfc6962.emptyRoot())) {
      throw new IllegalArgumentException("the empty tree's root is SHA-256 of the empty string");
    }
    extensions = List.copyOf(extensions);
    for (String e : extensions) {
      if (problem(e) != null) {
        throw new IllegalArgumentException("extension line " + problem(e));
      }
    }
  }

  /** A checkpoint without extension lines. */
  public Checkpoint(String origin, long size, Hash root) {
    this(origin, size, root, List.of());
  }

  /** The note text: each line followed by a newline. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(origin).append('\n').append(size).append('\n').append(root.base64()).append('\n');
    extensions.forEach(e -> sb.append(e).append('\n'));
    return sb.toString();
  }

  /**
   * Parses a checkpoint body strictly: exactly the form {@link #format} produces.
   *
   * @throws CheckpointFormatException on any deviation
   */
  public static Checkpoint parse(String body) throws CheckpointFormatException {
    if (body.length() > MAX_BODY_CHARS) {
      throw new CheckpointFormatException("checkpoint body too large", 0);
    }
    if (body.isEmpty() || body.charAt(body.length() - 1) != '\n') {
      throw new CheckpointFormatException("checkpoint body must end with a newline", 0);
    }
    List<String> lines = new ArrayList<>();
    for (int from = 0; from < body.length(); ) {
      int nl = body.indexOf('\n', from);
      lines.add(body.substring(from, nl));
      from = nl + 1;
    }
    if (lines.size() < 3) {
      throw new CheckpointFormatException("a checkpoint has at least three lines", 0);
    }
    for (int i = 0; i < lines.size(); i++) {
      String bad = problem(lines.get(i));
      if (bad != null) {
        throw new CheckpointFormatException("line " + bad, i + 1);
      }
    }
    long size = parseSize(lines.get(1));
    Hash root = parseRoot(lines.get(2));
    if (size == 0 && !root.equals(Rfc6962.emptyRoot())) {
      throw new CheckpointFormatException("size 0 with a root other than the empty tree's", 3);
    }
    return new Checkpoint(lines.get(0), size, root, lines.subList(3, lines.size()));
  }

  /**
   * Parses a decimal tree size or index: no sign, no leading zero (except "0" itself), fits in a
   * non-negative long; returns -1 otherwise.
   */
  public static long parseDecimal(String s) {
    if (s.isEmpty() || s.length() > 19 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return -1;
      }
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static long parseSize(String s) throws CheckpointFormatException {
    long size = parseDecimal(s);
    if (size < 0) {
      throw new CheckpointFormatException("tree size is not a canonical decimal in range", 2);
    }
    return size;
  }

  private static Hash parseRoot(String s) throws CheckpointFormatException {
    byte[] raw;
    try {
      raw = StrictBase64.decode(s);
    } catch (IllegalArgumentException e) {
      throw new CheckpointFormatException("root hash is not canonical base64", 3);
    }
    if (raw.length != Hash.SIZE) {
      throw new CheckpointFormatException("root hash is not " + Hash.SIZE + " bytes", 3);
    }
    return Hash.of(raw);
  }

  /** Why {@code line} cannot be a checkpoint line, or null if it can. */
  private static String problem(String line) {
    if (line == null || line.isEmpty()) {
      return "is empty";
    }
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c < 0x20) {
        return "contains a control character";
      }
      if (Character.isHighSurrogate(c) && i + 1 < line.length()
          && Character.isLowSurrogate(line.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate";
      }
    }
    return null;
  }
}
