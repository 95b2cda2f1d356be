package dev.toolseal.verifier.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stdio server started as a child process. Stopping it: wait for it to exit (its stdin is
 * closed), then SIGTERM, then SIGKILL, each after {@code grace}.
 */
final class ProcessUpstream implements Upstream {
  private final Process child;

  private ProcessUpstream(Process child) {
    this.child = child;
  }

  static ProcessUpstream start(List<String> command, Map<String, String> env)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    return new ProcessUpstream(pb.start());
  }

  @Override
  public OutputStream input() {
    return child.getOutputStream();
  }

  @Override
  public InputStream output() {
    return child.getInputStream();
  }

  @Override
  public InputStream errors() {
    return child.getErrorStream();
  }

  @Override
  public void stop(Duration grace) throws InterruptedException {
    long ms = grace.toMillis();
    if (child.waitFor(ms, TimeUnit.MILLISECONDS)) {
      return;
    }
    child.destroy();
    if (!child.waitFor(ms, TimeUnit.MILLISECONDS)) {
      child.destroyForcibly();
      child.waitFor(ms, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public String exitDescription() {
    return child.isAlive() ? "" : " with code " + child.exitValue();
  }
}
