package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RawSnapshot;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal client of the guard's own that records a server the way a guarded session would:
 * it starts the command, sends {@code initialize} with the given protocol version and client
 * capabilities (raw), then {@code notifications/initialized}, and records every list with
 * {@link LiveRecorder}; at a modern protocol version (2026-07-28 and later) it skips the
 * handshake and records {@code server/discover} and the lists with the modern {@code _meta}; a
 * server that refuses {@code initialize} as an unsupported version, naming 2026-07-28, is
 * recorded in the modern era on the same process.
 * Server requests get "method not found" (ping gets an empty result). A list_changed
 * notification during a legacy recording makes it record again, at most three times. Used by
 * {@code toolseal guard approve}.
 */
public final class UpstreamProbe implements RequestChannel, AutoCloseable {
  private static final int ATTEMPTS = 3;

  private final Process child;
  private final Outbox toChild;
  private final Duration timeout;
  private final Map<RpcId, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong changes = new AtomicLong();
  private volatile boolean closed;

  private UpstreamProbe(List<String> command, Map<String, String> env, Duration timeout,
      int maxMessageBytes, PrintStream err) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    this.child = pb.start();
    this.timeout = timeout;
    this.toChild = new Outbox(child.getOutputStream(), 256L << 20, () -> closed = true);
    daemon(toChild);
    daemon(() -> {
      byte[] buf = new byte[8192];
      try {
        for (int n = child.getErrorStream().read(buf); n >= 0;
            n = child.getErrorStream().read(buf)) {
          err.write(buf, 0, n);
          err.flush();
        }
      } catch (IOException e) {
        // closed
      }
    });
    daemon(() -> read(new LineReader(child.getInputStream(), maxMessageBytes)));
  }

  /** Starts {@code command}, records it and stops it. */
  public static RawSnapshot record(List<String> command, Map<String, String> env,
      String protocolVersion, JsonNode clientCapabilities, Duration timeout, int maxMessageBytes,
      PrintStream err) throws IOException, McpRecordingException {
    try (UpstreamProbe probe = new UpstreamProbe(command, env, timeout, maxMessageBytes, err)) {
      if (Era.ofProtocolVersion(protocolVersion) == Era.MODERN) {
        // no session to open: each request names the version and capabilities itself
        return new LiveRecorder(probe, GuardSettings.RecordingBounds.DEFAULT)
            .recordModern(protocolVersion, clientCapabilities);
      }
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      params.put("protocolVersion", protocolVersion);
      params.set("capabilities", clientCapabilities.deepCopy());
      params.putObject("clientInfo").put("name", "toolseal-guard-approve").put("version", "0.1.0");
      JsonNode init = probe.request("initialize", params);
      JsonNode result = init.get("result");
      if (result == null && modernOnly(init)) {
        // a modern-only server: the same process is recorded in its era (a person approving
        // sees the era change against a legacy pin in the diff)
        return new LiveRecorder(probe, GuardSettings.RecordingBounds.DEFAULT)
            .recordModern(ModernMeta.FIRST_MODERN_VERSION, clientCapabilities);
      }
      if (result == null || !result.isObject()) {
        throw new McpRecordingException(Reason.SERVER_ERROR, "initialize failed",
            RpcParser.text(init));
      }
      ObjectNode note = JsonNodeFactory.instance.objectNode();
      note.put("jsonrpc", "2.0");
      note.put("method", "notifications/initialized");
      probe.toChild.send(RpcParser.write(note));
      for (int attempt = 1; ; attempt++) {
        long before = probe.changes.get();
        RawSnapshot snap = new LiveRecorder(probe, GuardSettings.RecordingBounds.DEFAULT)
            .record(clientCapabilities, result);
        if (probe.changes.get() == before) {
          return snap;
        }
        if (attempt == ATTEMPTS) {
          throw new McpRecordingException(Reason.CHANGED_DURING_RECORDING,
              "the server kept announcing changes while it was recorded", "");
        }
      }
    }
  }

  /** Whether {@code answer} refuses initialize as -32022 naming the modern version we speak. */
  private static boolean modernOnly(JsonNode answer) {
    JsonNode error = answer.path("error");
    if (error.path("code").asInt() != ModernMeta.UNSUPPORTED_PROTOCOL_VERSION) {
      return false;
    }
    for (JsonNode v : error.path("data").path("supported")) {
      if (ModernMeta.FIRST_MODERN_VERSION.equals(v.asText())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public JsonNode request(String method, ObjectNode params) throws McpRecordingException {
    if (closed) {
      throw new McpRecordingException(Reason.TRANSPORT, "the server exited", "");
    }
    String text = "toolseal-approve-" + ids.incrementAndGet();
    RpcId id = new RpcId("s:" + text, TextNode.valueOf(text));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    toChild.send(RpcParser.write(Responses.request(id, method, params)));
    try {
      return OwnRequests.await(answer, method, timeout);
    } finally {
      pending.remove(id);
    }
  }

  private void read(LineReader reader) {
    try {
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        if (line.tooLong()) {
          fail("the server sent a message over the size limit");
          return;
        }
        for (RpcMessage m : RpcParser.parse(line.bytes()).messages()) {
          switch (m.kind()) {
            case RESPONSE -> {
              CompletableFuture<JsonNode> f = pending.get(m.id().get());
              if (f != null) {
                f.complete(m.tree());
              }
            }
            case NOTIFICATION -> {
              if (m.method().orElse("").endsWith("/list_changed")) {
                changes.incrementAndGet();
              }
            }
            case REQUEST -> toChild.send(RpcParser.write(m.is("ping")
                ? Responses.result(m.id().get(), JsonNodeFactory.instance.objectNode())
                : Responses.error(m.id().get(), Responses.METHOD_NOT_FOUND, "Method not found")));
          }
        }
      }
      fail("the server exited");
    } catch (IOException e) {
      fail("the server's output broke");
    } catch (RpcFormatException e) {
      fail("the server sent a message ToolSeal refuses: " + e.getMessage());
    }
  }

  private void fail(String why) {
    closed = true;
    pending.values().forEach(f -> f.completeExceptionally(new IOException(why)));
  }

  @Override
  public void close() {
    toChild.finish();
    try {
      if (!child.waitFor(2, TimeUnit.SECONDS)) {
        child.destroy();
        if (!child.waitFor(2, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      child.destroyForcibly();
    }
  }

  private static void daemon(Runnable r) {
    Thread t = new Thread(r, "toolseal-guard-approve");
    t.setDaemon(true);
    t.start();
  }
}
