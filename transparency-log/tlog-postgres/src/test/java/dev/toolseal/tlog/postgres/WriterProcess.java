package dev.toolseal.tlog.postgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LogWriterMain} running in a child JVM on this JVM's class path; collects the
 * entries it acknowledged from its stdout.
 */
final class WriterProcess {
  private final Process process;
  private final Map<Long, String> acked = new ConcurrentHashMap<>();
  private final Thread reader;
  private volatile boolean done;

  private WriterProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readAcks, "writer-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  static WriterProcess start(String jdbcUrl, String name, int threads, long perThread)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(List.of(java,
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        LogWriterMain.class.getName(),
        jdbcUrl, name, Integer.toString(threads), Long.toString(perThread)));
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return new WriterProcess(pb.start());
  }

  private void readAcks() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.startsWith("ACK ")) {
          String[] parts = line.split(" ", 3);
          if (parts.length == 3 && acked.put(Long.parseLong(parts[1]), parts[2]) != null) {
            throw new IllegalStateException("index " + parts[1] + " acknowledged twice");
          }
        } else if (line.equals("DONE")) {
          done = true;
        }
      }
    } catch (IOException e) {
      // the process died; what was read is what was acknowledged
    }
  }

  /** Waits until at least {@code n} entries are acknowledged (or the process died). */
  void awaitAcks(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acked.size() < n && process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    if (acked.size() < n) {
      throw new IllegalStateException("the writer acknowledged only " + acked.size());
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no commit runs after this. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    reader.join(10_000);
  }

  /** Waits for a finite writer to finish; returns its exit code. */
  int waitFor() throws InterruptedException {
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the writer did not finish");
    }
    reader.join(10_000);
    return process.exitValue();
  }

  boolean printedDone() {
    return done;
  }

  /** Index to entry of everything acknowledged so far. */
  Map<Long, String> acked() {
    return Map.copyOf(acked);
  }
}
