package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.cli.Main;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private boolean ended;

  StdioClientWire(List<String> options, List<String> command) throws IOException {
    List<String> args = new ArrayList<>(List.of("guard"));
    args.addAll(options);
    args.add("--");
    args.addAll(command);
    Pipe in = Pipe.open();
    Pipe out = Pipe.open();
    toGuard = Channels.newOutputStream(in.sink());
    PrintStream guardOut = new PrintStream(Channels.newOutputStream(out.sink()), true,
        StandardCharsets.UTF_8);
    PrintStream guardErr = new PrintStream(err, true, StandardCharsets.UTF_8);
    Thread guard = new Thread(() -> {
      try {
        exit.complete(Main.run(Channels.newInputStream(in.source()), guardOut, guardErr,
            args.toArray(String[]::new)));
      } catch (Throwable t) {
        exit.completeExceptionally(t);
      } finally {
        guardOut.close();
      }
    }, "guard-under-test");
    guard.setDaemon(true);
    guard.start();
    Thread reader = new Thread(() -> readLines(Channels.newInputStream(out.source())),
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
      exit.get(WAIT_SECONDS, TimeUnit.SECONDS);
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
    return err.toString(StandardCharsets.UTF_8);
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
