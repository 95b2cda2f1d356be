package dev.toolseal.verifier.relay;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads newline-delimited messages (the MCP stdio framing) with a bound on each line. A line
 * longer than the bound is skipped up to its newline and reported as {@link Line#tooLong()}, so
 * one oversized message never takes memory or desynchronises the stream. A trailing CR is
 * dropped; blank lines are skipped.
 */
final class LineReader {
  private final InputStream in;
  private final int maxBytes;
  private final boolean keepBlank;
  private final byte[] buffer = new byte[64 * 1024];
  private int pos;
  private int limit;

  LineReader(InputStream in, int maxBytes) {
    this(in, maxBytes, false);
  }

  /** With {@code keepBlank}, blank lines are returned too (server-sent events end with one). */
  LineReader(InputStream in, int maxBytes, boolean keepBlank) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.keepBlank = keepBlank;
  }

  /** One line: its bytes, or (when over the bound) only the fact that it was too long. */
  record Line(byte[] bytes, boolean tooLong) {}

  /** The next non-blank line, or {@code null} at the end of the stream. */
  Line next() throws IOException {
    while (true) {
      Line line = read();
      if (line == null || line.tooLong() || keepBlank || !blank(line.bytes())) {
        return line;
      }
    }
  }

  private Line read() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? finish(out, tooLong) : null;
        }
      }
      any = true;
      int start = pos;
      while (pos < limit && buffer[pos] != '\n') {
        pos++;
      }
      int length = pos - start;
      if (!tooLong && out.size() + length > maxBytes + 1) {
        tooLong = true;
        out.reset();
      }
      if (!tooLong) {
        out.write(buffer, start, length);
      }
      if (pos < limit) {
        pos++; // the newline
        return finish(out, tooLong);
      }
    }
  }

  private Line finish(ByteArrayOutputStream out, boolean tooLong) {
    if (tooLong) {
      return new Line(null, true);
    }
    byte[] bytes = out.toByteArray();
    int n = bytes.length;
    if (n > 0 && bytes[n - 1] == '\r') {
      n--;
    }
    if (n > maxBytes) {
      return new Line(null, true);
    }
    return new Line(n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n), false);
  }

  private static boolean blank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
