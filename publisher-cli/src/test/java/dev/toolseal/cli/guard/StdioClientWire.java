package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code toolseal guard} in-process with piped stdio, like {@link GuardHarness}, but handing out
 * each line raw (bytes decoded leniently, so an invalid UTF-8 line still arrives) and reading
 * until the guard closes its output.
 */
final class StdioClientWire implements ClientWire {
  private final OutputStream toGuard;
  private final LinkedBlockingQueue<Optional<String>> fromGuard = new LinkedBlockingQueue<>();
  private final InProcessGuard guard;
  private boolean ended;

  StdioClientWire(List<String> options, List<String> command) throws IOException {
    List<String> args = new ArrayList<>(List.of("guard"));
    args.addAll(options);
    args.add("--");
    args.addAll(command);
    guard = new InProcessGuard(args);
    toGuard = guard.toGuard();
    Thread reader = new Thread(() -> readLines(guard.fromGuard()),
        "guard-output-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private void readLines(InputStream from) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try (InputStream in = new BufferedInputStream(from)) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          fromGuard.add(Optional.of(line.toString(StandardCharsets.UTF_8)));
          line.reset();
        } else {
          line.write(b);
        }
      }
    } catch (IOException e) {
      // the guard closed its output
    } finally {
      if (line.size() > 0) {
        fromGuard.add(Optional.of(line.toString(StandardCharsets.UTF_8)));
      }
      fromGuard.add(Optional.empty()); // the end of the output
    }
  }

  @Override
  public void send(String json) {
    try {
      toGuard.write((json + "\n").getBytes(StandardCharsets.UTF_8));
      toGuard.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String next() {
    String line = ended ? null : poll();
    assertNotNull(line, () -> "no message from the guard; stderr:\n" + err());
    return line;
  }

  private String poll() {
    try {
      Optional<String> line = fromGuard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      if (line != null && line.isEmpty()) {
        ended = true;
      }
      return line == null ? null : line.orElse(null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public List<String> finish() {
    close();
    try {
      guard.exit().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the guard did not end; stderr:\n" + err(), e);
    }
    List<String> rest = new ArrayList<>();
    for (String line = ended ? null : poll(); line != null; line = ended ? null : poll()) {
      rest.add(line);
    }
    assertTrue(ended, "the guard's output did not end");
    return rest;
  }

  @Override
  public String framing() {
    return "";
  }

  @Override
  public String err() {
    return guard.err();
  }

  @Override
  public void close() {
    try {
      toGuard.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
