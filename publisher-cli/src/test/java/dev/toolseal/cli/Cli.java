package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code toolseal} in-process and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
  /**
   * Runs {@code args} with a fresh, empty state directory (so nothing is remembered between two
   * runs and the real home is never touched).
   */
  static Cli run(String... args) {
    return run(freshEnvironment(), args);
  }

  /** Runs {@code args} in the environment {@code env}. */
  static Cli run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.run(env, InputStream.nullInputStream(), o, e, args);
    }
    return new Cli(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /** An environment whose XDG_STATE_HOME is a new directory under target/. */
  static Map<String, String> freshEnvironment() {
    try {
      Path base = Files.createDirectories(Path.of("target", "test-state").toAbsolutePath());
      return Map.of("XDG_STATE_HOME", Files.createTempDirectory(base, "state").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts the exit code and returns this, for chaining. */
  Cli expect(int code) {
    assertEquals(code, exitCode, () -> "stdout:\n" + out + "\nstderr:\n" + err);
    return this;
  }

  /** stdout as exactly one JSON document. */
  JsonNode json() {
    try (JsonParser p = JsonOutput.MAPPER.createParser(out)) {
      JsonNode doc = JsonOutput.MAPPER.readTree(p);
      assertNull(p.nextToken(), "more than one JSON document on stdout");
      return doc;
    } catch (IOException e) {
      throw new AssertionError("stdout is not JSON:\n" + out, e);
    }
  }
}
