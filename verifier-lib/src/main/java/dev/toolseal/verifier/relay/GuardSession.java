package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Routes every message between the client and the upstream server under one lock, and applies
 * the verdict in force (docs/design/guard.md).
 *
 * <p>Until a verdict is in force (before the first verification, and from the moment a
 * list_changed notification is read until it is re-verified) every message is held in arrival
 * order, except the client's {@code initialize} and {@code notifications/initialized}, the
 * client's answers to server requests, and the guard's own traffic. Held messages are released,
 * in order, under the new verdict. Writes only queue ({@link Outbox}), so the lock is never held
 * across blocking IO.
 */
final class GuardSession implements RequestChannel {
  private static final int MAX_HELD = 10_000;

  private final GuardSettings settings;
  private final Outbox toClient;
  private final Outbox toUpstream;
  private final Verification verification;
  private final String nonce = UUID.randomUUID().toString();

  private final Object lock = new Object();
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final Map<RpcId, CompletableFuture<JsonNode>> guardPending = new HashMap<>();
  private final Map<RpcId, String> clientInFlight = new HashMap<>();
  private GuardVerdict verdict;
  private GuardVerdict sticky;
  private long generation;
  private long guardIds;
  private boolean upstreamGone;
  private RpcId initializeId;
  private JsonNode clientCapabilities = JsonNodeFactory.instance.objectNode();
  private JsonNode initializeResult;
  private boolean initialized;

  private record Held(boolean fromClient, RpcMessage message, byte[] raw) {}

  GuardSession(GuardSettings settings, Outbox toClient, Outbox toUpstream,
      Verification verification) {
    this.settings = settings;
    this.toClient = toClient;
    this.toUpstream = toUpstream;
    this.verification = verification;
  }

  private final ClientSink direct = new ClientSink() {
    @Override
    public void forward(RpcMessage m, byte[] raw) {
      toUpstream.send(raw != null ? raw : m.bytes());
    }

    @Override
    public void answer(ObjectNode response) {
      toClient.send(RpcParser.write(response));
    }
  };

  // ---- from the client ----

  void fromClient(LineReader.Line line) {
    if (line.tooLong()) {
      toClient.send(RpcParser.write(Responses.error(RpcFormatException.INVALID_REQUEST,
          "message longer than " + settings.maxMessageBytes() + " bytes")));
      return;
    }
    RpcParser.Parsed parsed;
    try {
      parsed = RpcParser.parse(line.bytes());
    } catch (RpcFormatException e) {
      toClient.send(RpcParser.write(Responses.error(e.code(), e.getMessage())));
      return;
    }
    synchronized (lock) {
      if (!parsed.batch()) {
        client(parsed.messages().get(0), line.bytes(), direct);
        return;
      }
      ClientSink.Batch batch = new ClientSink.Batch();
      for (RpcMessage m : parsed.messages()) {
        client(m, null, batch);
      }
      if (batch.forwarded.size() == parsed.messages().size()) {
        toUpstream.send(line.bytes()); // nothing held or refused: relayed as received
      } else if (!batch.forwarded.isEmpty()) {
        toUpstream.send(RpcParser.write(batch.forwarded));
      }
      if (!batch.answers.isEmpty()) {
        toClient.send(RpcParser.write(batch.answers));
      }
    }
  }

  private void client(RpcMessage m, byte[] raw, ClientSink sink) {
    switch (m.kind()) {
      case RESPONSE -> sink.forward(m, raw);
      case NOTIFICATION -> {
        if (m.is("notifications/initialized")) {
          sink.forward(m, raw);
          if (initializeResult != null && !initialized) {
            initialized = true;
            startVerification();
          }
        } else if (verdict == null) {
          hold(new Held(true, m, raw), sink);
        } else {
          sink.forward(m, raw);
        }
      }
      case REQUEST -> {
        RpcId id = m.id().orElseThrow();
        if (guardPending.containsKey(id)) {
          sink.answer(refusal(id, "ID_IN_USE", m, null, List.of()));
        } else if (m.is("initialize")) {
          initialize(m, raw, sink, id);
        } else if (verdict == null) {
          hold(new Held(true, m, raw), sink);
        } else {
          decide(m, raw, sink, id);
        }
      }
    }
  }

  private void initialize(RpcMessage m, byte[] raw, ClientSink sink, RpcId id) {
    if (initializeResult != null || sink != direct) {
      sink.answer(refusal(id, "ALREADY_INITIALIZED", m, null, List.of()));
      return;
    }
    JsonNode caps = m.params().path("capabilities");
    clientCapabilities = caps.isObject() ? caps.deepCopy() : JsonNodeFactory.instance.objectNode();
    initializeId = id;
    clientInFlight.put(id, "initialize");
    sink.forward(m, raw);
  }

  private void hold(Held h, ClientSink sink) {
    if (held.size() >= MAX_HELD) {
      if (h.message().kind() == RpcMessage.Kind.REQUEST) {
        sink.answer(Responses.error(h.message().id().orElseThrow(), Responses.REFUSED,
            "ToolSeal guard: too many messages waiting for verification"));
      }
      return;
    }
    held.add(h);
  }

  /** A client request under the verdict in force. */
  private void decide(RpcMessage m, byte[] raw, ClientSink sink, RpcId id) {
    Admission.Outcome outcome = Admission.judge(m, verdict, settings);
    if (outcome instanceof Admission.Outcome.Answer answer) {
      sink.answer(answer.response());
    } else {
      clientInFlight.put(id, m.method().orElseThrow());
      sink.forward(m, raw);
    }
  }

  private ObjectNode refusal(RpcId id, String refusal, RpcMessage m, EntryKey key,
      List<GateReason> reasons) {
    return Admission.refusal(id, refusal, m, key, reasons, verdict, settings);
  }

  // ---- from the upstream ----

  void fromUpstream(LineReader.Line line) {
    if (line.tooLong()) {
      upstreamBroken("the upstream sent a message longer than " + settings.maxMessageBytes()
          + " bytes");
      return;
    }
    RpcParser.Parsed parsed;
    try {
      parsed = RpcParser.parse(line.bytes());
    } catch (RpcFormatException e) {
      upstreamBroken("the upstream sent a message ToolSeal refuses: " + e.getMessage());
      return;
    }
    List<CompletableFuture<JsonNode>> done = new ArrayList<>();
    List<JsonNode> answers = new ArrayList<>();
    synchronized (lock) {
      for (RpcMessage m : parsed.messages()) {
        if (m.kind() == RpcMessage.Kind.RESPONSE && guardPending.containsKey(m.id().get())) {
          done.add(guardPending.remove(m.id().get()));
          answers.add(m.tree());
        } else if (m.kind() == RpcMessage.Kind.RESPONSE
            && m.id().get().key().startsWith("s:toolseal-guard-" + nonce + "-")) {
          continue; // a late answer to a request of ours that timed out: never the client's
        } else if (m.kind() != RpcMessage.Kind.RESPONSE && held.size() >= MAX_HELD) {
          upstreamBroken("the upstream sent more than " + MAX_HELD
              + " messages while it was being verified");
        } else {
          upstream(m, parsed.batch() ? null : line.bytes());
        }
      }
    }
    for (int i = 0; i < done.size(); i++) {
      done.get(i).complete(answers.get(i));
    }
  }

  private void upstream(RpcMessage m, byte[] raw) {
    if (m.kind() == RpcMessage.Kind.RESPONSE && m.id().get().equals(initializeId)) {
      initializeId = null;
      clientInFlight.remove(m.id().get());
      JsonNode result = m.tree().get("result");
      if (result != null && result.isObject() && initializeResult == null) {
        initializeResult = result.deepCopy();
      }
      toClient.send(raw != null ? raw : m.bytes());
    } else if (m.kind() == RpcMessage.Kind.NOTIFICATION && Subjects.isListChanged(m)) {
      if (initialized) {
        startVerification();
      }
      held.add(new Held(false, m, raw));
    } else if (verdict == null) {
      held.add(new Held(false, m, raw));
    } else {
      deliver(m, raw);
    }
  }

  private void deliver(RpcMessage m, byte[] raw) {
    byte[] bytes = raw != null ? raw : m.bytes();
    boolean rejected = verdict.rejectsServer();
    switch (m.kind()) {
      case RESPONSE -> {
        RpcId id = m.id().get();
        String method = clientInFlight.remove(id);
        if (rejected && (method == null || id.isNull())) {
          return; // already refused, or not the answer to any request of the client
        }
        if (rejected) {
          toClient.send(RpcParser.write(Responses.refusal(id, "SERVER_REJECTED",
              settings.server().name(), method == null ? "" : method, null,
              verdict.manifestDigest(), verdict.decision().reasons())));
        } else {
          toClient.send(bytes);
        }
      }
      case REQUEST -> {
        if (rejected) {
          toUpstream.send(RpcParser.write(Responses.error(m.id().get(), Responses.REFUSED,
              "ToolSeal guard: this server is rejected; its requests do not reach the client")));
        } else {
          toClient.send(bytes);
        }
      }
      case NOTIFICATION -> {
        if (!rejected || Subjects.isListChanged(m)) {
          toClient.send(bytes);
        }
      }
    }
  }

  /** The upstream broke the protocol: it is rejected for the rest of the session. */
  private void upstreamBroken(String why) {
    synchronized (lock) {
      if (sticky == null) {
        sticky = GuardVerdict.rejected(List.of(GateReason.server(
            GateReason.Kind.VERIFICATION_FAILED, why)));
        settings.diagnostics().accept(why);
        install(sticky);
        // answers to these may have been in the refused message: refuse them now, once
        for (Map.Entry<RpcId, String> e : clientInFlight.entrySet()) {
          toClient.send(RpcParser.write(Responses.refusal(e.getKey(), "SERVER_REJECTED",
              settings.server().name(), e.getValue(), null, "", sticky.decision().reasons())));
        }
        clientInFlight.clear();
        guardPending.values().forEach(f -> f.completeExceptionally(
            new IllegalStateException(why)));
        guardPending.clear();
      }
    }
  }

  /** The upstream's output ended: every open request is answered, nothing else is sent. */
  void upstreamClosed() {
    List<CompletableFuture<JsonNode>> pending;
    synchronized (lock) {
      upstreamGone = true;
      pending = new ArrayList<>(guardPending.values());
      guardPending.clear();
      for (Held h : held) {
        if (h.fromClient() && h.message().kind() == RpcMessage.Kind.REQUEST) {
          clientInFlight.put(h.message().id().get(), h.message().method().orElse(""));
        }
      }
      held.clear();
      for (Map.Entry<RpcId, String> e : clientInFlight.entrySet()) {
        toClient.send(RpcParser.write(Responses.refusal(e.getKey(), "UPSTREAM_CLOSED",
            settings.server().name(), e.getValue(), null, "", List.of(GateReason.server(
                GateReason.Kind.VERIFICATION_FAILED, "the upstream server exited")))));
      }
      clientInFlight.clear();
    }
    pending.forEach(f -> f.completeExceptionally(new IllegalStateException("upstream closed")));
  }

  // ---- verification ----

  private void startVerification() {
    if (sticky != null) {
      return;
    }
    generation++;
    verdict = null;
    verification.schedule();
  }

  /** The inputs of the next verification, and which generation they belong to. */
  record Inputs(long generation, JsonNode clientCapabilities, JsonNode initializeResult) {}

  Inputs inputs() {
    synchronized (lock) {
      return new Inputs(generation, clientCapabilities.deepCopy(), initializeResult.deepCopy());
    }
  }

  /**
   * Installs {@code v} if no newer event arrived since {@code forGeneration}; returns whether it
   * did (otherwise the caller verifies again).
   */
  boolean offer(long forGeneration, GuardVerdict v, boolean force) {
    synchronized (lock) {
      if (forGeneration != generation && !force) {
        return false;
      }
      install(sticky != null ? sticky : v);
      return true;
    }
  }

  private void install(GuardVerdict v) {
    verdict = v;
    settings.audit().verification(v);
    settings.diagnostics().accept(Subjects.summary(settings.server().name(), v));
    List<Held> release = new ArrayList<>(held);
    held.clear();
    for (Held h : release) {
      if (h.fromClient()) {
        client(h.message(), h.raw(), direct);
      } else {
        deliver(h.message(), h.raw());
      }
    }
  }

  @Override
  public JsonNode request(String method, ObjectNode params) throws McpRecordingException {
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    RpcId id;
    synchronized (lock) {
      if (upstreamGone) {
        throw new McpRecordingException(Reason.TRANSPORT, "the upstream server exited", "");
      }
      do {
        id = new RpcId("s:toolseal-guard-" + nonce + "-" + ++guardIds,
            TextNode.valueOf("toolseal-guard-" + nonce + "-" + guardIds));
      } while (clientInFlight.containsKey(id));
      guardPending.put(id, answer);
      toUpstream.send(RpcParser.write(Responses.request(id, method, params)));
    }
    try {
      return answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      synchronized (lock) {
        guardPending.remove(id);
      }
      throw new McpRecordingException(Reason.TIMEOUT, method + " got no answer in "
          + settings.timeout(), "");
    } catch (ExecutionException e) {
      throw new McpRecordingException(Reason.TRANSPORT, "the upstream server exited", "", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new McpRecordingException(Reason.TRANSPORT, "interrupted", "", e);
    }
  }

  /** Whether {@code g} is still the newest generation. */
  boolean isCurrent(long g) {
    synchronized (lock) {
      return g == generation;
    }
  }

  /** Whether a verification is due (no verdict in force). */
  boolean awaitingVerdict() {
    synchronized (lock) {
      return verdict == null && sticky == null;
    }
  }

  /** The newest generation and the verdict in force ({@code null} while one is pending). */
  record State(long generation, GuardVerdict verdict) {}

  /** What an embedding front end ({@link EmbeddedGuard}) reports; never waits. */
  State state() {
    synchronized (lock) {
      return new State(generation, verdict);
    }
  }
}
