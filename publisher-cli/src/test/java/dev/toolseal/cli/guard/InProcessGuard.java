package dev.toolseal.cli.guard;

import dev.toolseal.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code toolseal <args>} run in-process on a daemon thread with piped stdio: what a test writes
 * to {@link #toGuard()} is the command's stdin, {@link #fromGuard()} is its stdout (closed when
 * the command returns), {@link #err()} its stderr so far, {@link #exit()} its exit code.
 */
final class InProcessGuard {
  private final OutputStream toGuard;
  private final InputStream fromGuard;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  InProcessGuard(List<String> args) throws IOException {
    // a fresh state directory under target/: nothing remembered, the real home untouched
    Path base = Files.createDirectories(Path.of("target", "test-state").toAbsolutePath());
    Map<String, String> env = Map.of("XDG_STATE_HOME",
        Files.createTempDirectory(base, "state").toString());
    Pipe in = Pipe.open();
    Pipe out = Pipe.open();
    toGuard = Channels.newOutputStream(in.sink());
    fromGuard = Channels.newInputStream(out.source());
    PrintStream guardOut = new PrintStream(Channels.newOutputStream(out.sink()), true,
        StandardCharsets.UTF_8);
    PrintStream guardErr = new PrintStream(err, true, StandardCharsets.UTF_8);
    Thread guard = new Thread(() -> {
      try {
        exit.complete(Main.run(env, Channels.newInputStream(in.source()), guardOut, guardErr,
            args.toArray(String[]::new)));
      } catch (Throwable t) {
        exit.completeExceptionally(t);
      } finally {
        guardOut.close();
      }
    }, "guard-under-test");
    guard.setDaemon(true);
    guard.start();
  }

  OutputStream toGuard() {
    return toGuard;
  }

  InputStream fromGuard() {
    return fromGuard;
  }

  CompletableFuture<Integer> exit() {
    return exit;
  }

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
