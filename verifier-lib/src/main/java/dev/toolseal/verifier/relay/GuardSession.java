package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Routes every message between the client and the upstream server under one lock, and applies
 * the verdict in force (docs/design/guard.md), with the positive routing rule of
 * docs/design/boundary.md: the client gets only answers to requests the guard forwarded (each
 * once, decided when the answer arrives), server requests and notifications only as the verdict
 * allows, and its {@code initialize} answered from the verified snapshot.
 *
 * <p>Until a verdict is in force (before the first verification, and from the moment a
 * list_changed notification is read until it is re-verified) every message is held in arrival
 * order, except the client's {@code initialize}, the client's answers to server requests, the
 * server's {@code ping} and answers to routed requests (decided on arrival, delivered on
 * release), and the guard's own traffic. Held messages are released, in order, under the new
 * verdict. Writes only queue ({@link Outbox}), so the lock is never held across blocking IO.
 */
final class GuardSession implements RequestChannel {
  private static final int MAX_HELD = 10_000;
  private static final byte[] INITIALIZED = RpcParser.write(initializedNotification());

  private final GuardSettings settings;
  private final Outbox toClient;
  private final Outbox toUpstream;
  private final Verification verification;
  private final String nonce = UUID.randomUUID().toString();

  private final Object lock = new Object();
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final Map<RpcId, CompletableFuture<JsonNode>> guardPending = new HashMap<>();
  private final Routing routing = new Routing();
  private final Delivery delivery;
  private GuardVerdict verdict;
  private Instant verifiedAt;
  private boolean releasing; // held messages are being released under a verdict just made
  private GuardVerdict sticky;
  private long generation;
  private long guardIds;
  private boolean upstreamGone;
  private boolean initializeSeen;
  private RpcId initializeSent; // the client's initialize, sent upstream, not answered there yet
  private RpcId clientInitialize; // the client's initialize, not answered to the client yet
  private JsonNode clientCapabilities = JsonNodeFactory.instance.objectNode();
  private JsonNode initializeResult;
  private boolean initialized;

  /**
   * A held message. For an upstream response, {@code answers} is the method of the client
   * request it answers (decided on arrival); for an upstream notification, {@code tied} says
   * whether it belonged to routed traffic on arrival.
   */
  private record Held(boolean fromClient, RpcMessage message, byte[] raw, String answers,
      boolean tied) {}

  GuardSession(GuardSettings settings, Outbox toClient, Outbox toUpstream,
      Verification verification) {
    this.settings = settings;
    this.toClient = toClient;
    this.toUpstream = toUpstream;
    this.verification = verification;
    this.delivery = new Delivery(settings, toClient, toUpstream, routing);
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

  private static ObjectNode initializedNotification() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("jsonrpc", "2.0");
    n.put("method", "notifications/initialized");
    return n;
  }

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
      case RESPONSE -> {
        if (routing.close(m.id().get())) {
          sink.forward(m, raw);
        } else {
          dropped("dropped", "a client response to no relayed server request (id "
              + VisibleText.of(m.id().get().toString()) + ")");
        }
      }
      case NOTIFICATION -> {
        if (m.is("notifications/initialized")) {
          return; // the upstream had the guard's own
        } else if (verdict == null) {
          hold(new Held(true, m, raw, null, false), sink);
        } else {
          sink.forward(m, raw);
        }
      }
      case REQUEST -> {
        RpcId id = m.id().orElseThrow();
        if (guardPending.containsKey(id) || routing.inFlight(id) || id.equals(clientInitialize)) {
          sink.answer(refusal(id, "ID_IN_USE"));
        } else if (m.is("initialize")) {
          initialize(m, raw, sink, id);
        } else if (verdict == null) {
          hold(new Held(true, m, raw, null, false), sink);
        } else if (stale(m)) {
          startVerification(); // fresh evidence first, as after a list_changed notification
          hold(new Held(true, m, raw, null, false), sink);
        } else {
          decide(m, raw, sink, id);
        }
      }
    }
  }

  /** Whether {@code m} is a list request under a verdict older than the evidence age bound. */
  private boolean stale(RpcMessage m) {
    return sticky == null && initialized && verifiedAt != null && !releasing
        && ListKind.ofMethod(m.method().orElse("")).isPresent()
        && !settings.clock().instant().isBefore(verifiedAt.plus(settings.maxEvidenceAge()));
  }

  private void initialize(RpcMessage m, byte[] raw, ClientSink sink, RpcId id) {
    if (initializeSeen || sink != direct) {
      sink.answer(refusal(id, "ALREADY_INITIALIZED"));
      return;
    }
    initializeSeen = true;
    JsonNode caps = m.params().path("capabilities");
    clientCapabilities = caps.isObject() ? caps.deepCopy() : JsonNodeFactory.instance.objectNode();
    initializeSent = id;
    clientInitialize = id;
    String asked = m.params().path("protocolVersion").asText("");
    String reference = settings.referenceProtocolVersion().orElse(asked);
    if (reference.equals(asked) || !m.params().isObject()) {
      sink.forward(m, raw);
      return;
    }
    ObjectNode tree = m.tree();
    ((ObjectNode) tree.get("params")).put("protocolVersion", reference);
    settings.audit().initialize(asked, reference);
    settings.diagnostics().accept("the client asked for protocol version "
        + VisibleText.of(asked) + "; the server is asked for the reference's, " + reference);
    toUpstream.send(RpcParser.write(tree));
  }

  private void hold(Held h, ClientSink sink) {
    if (held.size() >= MAX_HELD) {
      if (h.message().kind() == RpcMessage.Kind.REQUEST) { // too many wait for a verdict
        sink.answer(refusal(h.message().id().orElseThrow(), "NOT_VERIFIED"));
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
      routing.forwarded(id, m.method().orElseThrow(), m.params());
      sink.forward(m, raw);
    }
  }

  private ObjectNode refusal(RpcId id, String refusal) {
    return Admission.refusal(id, refusal, null, verdict, settings);
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
      for (RpcMessage m : parsed.messages()) { // a batch: element by element
        byte[] raw = parsed.batch() ? null : line.bytes();
        if (m.kind() == RpcMessage.Kind.RESPONSE && guardPending.containsKey(m.id().get())) {
          done.add(guardPending.remove(m.id().get()));
          answers.add(m.tree());
        } else if (m.kind() == RpcMessage.Kind.RESPONSE) {
          response(m, raw);
        } else if (m.kind() == RpcMessage.Kind.REQUEST && m.is("ping")) {
          toUpstream.send(RpcParser.write(Responses.result(m.id().get(),
              JsonNodeFactory.instance.objectNode())));
        } else if (held.size() >= MAX_HELD) {
          upstreamBroken("the upstream sent more than " + MAX_HELD
              + " messages while it was being verified");
        } else if (m.kind() == RpcMessage.Kind.REQUEST) {
          if (verdict == null) {
            held.add(new Held(false, m, raw, null, false));
          } else {
            serverRequest(m, raw);
          }
        } else {
          notification(m, raw);
        }
      }
    }
    for (int i = 0; i < done.size(); i++) {
      done.get(i).complete(answers.get(i));
    }
  }

  /** A response from the upstream, routed when it arrives (the guard's own are taken before). */
  private void response(RpcMessage m, byte[] raw) {
    RpcId id = m.id().get();
    if (id.equals(initializeSent)) {
      initializeAnswered(m);
      return;
    }
    if (id.key().startsWith("s:toolseal-guard-" + nonce + "-")) {
      return; // a late answer to a request of ours that timed out: never the client's
    }
    Optional<String> method = routing.answer(id);
    if (method.isEmpty()) {
      violation("a response to no forwarded, unanswered client request (id "
          + VisibleText.of(id.toString()) + ")");
    } else if (verdict == null) {
      held.add(new Held(false, m, raw, method.get(), false));
    } else {
      deliverResponse(m, raw);
    }
  }

  /** The upstream answered the client's initialize: initialized, then verify; answer later. */
  private void initializeAnswered(RpcMessage m) {
    initializeSent = null;
    JsonNode result = m.tree().get("result");
    if (result == null || !result.isObject()) {
      upstreamBroken("the upstream answered initialize with an error");
      return;
    }
    initializeResult = result.deepCopy();
    toUpstream.send(INITIALIZED);
    initialized = true;
    startVerification();
  }

  private void notification(RpcMessage m, byte[] raw) {
    if (Subjects.isListChanged(m)) {
      if (initialized) {
        startVerification();
      }
      held.add(new Held(false, m, raw, null, false));
      return;
    }
    boolean tied = m.is("notifications/progress")
        ? routing.progressAllowed(m.params().path("progressToken"))
        : m.is("notifications/cancelled") && routing.isRelayed(m.params().path("requestId"));
    if (verdict == null) {
      held.add(new Held(false, m, raw, null, tied));
    } else {
      deliverNotification(m, raw, tied);
    }
  }

  private void deliver(Held h) {
    switch (h.message().kind()) {
      case RESPONSE -> deliverResponse(h.message(), h.raw());
      case REQUEST -> serverRequest(h.message(), h.raw());
      case NOTIFICATION -> deliverNotification(h.message(), h.raw(), h.tied());
    }
  }

  private void deliverResponse(RpcMessage m, byte[] raw) {
    delivery.response(m, raw, verdict);
  }

  private void serverRequest(RpcMessage m, byte[] raw) {
    delivery.serverRequest(m, raw, verdict);
  }

  private void deliverNotification(RpcMessage m, byte[] raw, boolean tied) {
    delivery.notification(m, raw, tied, verdict);
  }

  private void dropped(String decision, String what) {
    delivery.dropped(decision, what, verdict);
  }

  /** A response the client never asked for: dropped; the third rejects the server. */
  private void violation(String what) {
    int n = routing.violation();
    dropped("dropped", what + ", routing violation " + n);
    if (n == Routing.MAX_VIOLATIONS) {
      upstreamBroken("the upstream sent " + n + " responses no forwarded request asked for");
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
        for (RpcId id : routing.drain().keySet()) {
          toClient.send(RpcParser.write(refusal(id, "SERVER_REJECTED")));
        }
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
      List<RpcId> open = new ArrayList<>();
      if (clientInitialize != null) {
        open.add(clientInitialize);
        clientInitialize = null;
      }
      open.addAll(routing.drain().keySet());
      for (Held h : held) {
        if ((h.fromClient() && h.message().kind() == RpcMessage.Kind.REQUEST)
            || h.answers() != null) { // a held answer to a forwarded request: never delivered
          open.add(h.message().id().get());
        }
      }
      held.clear();
      for (RpcId id : open) {
        toClient.send(RpcParser.write(Admission.refusal(id, "UPSTREAM_CLOSED", null, null,
            settings)));
      }
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
    verifiedAt = settings.clock().instant();
    settings.audit().verification(v);
    settings.diagnostics().accept(Subjects.summary(settings.server().name(), v));
    if (clientInitialize != null && (initializeResult != null || v.rejectsServer())) {
      // the client's initialize is answered from what was verified, or refused
      toClient.send(RpcParser.write(v.rejectsServer() || v.snapshot().isEmpty()
          ? refusal(clientInitialize, "SERVER_REJECTED")
          : Responses.result(clientInitialize, v.snapshot().get().initializeResult())));
      clientInitialize = null;
    }
    List<Held> release = new ArrayList<>(held);
    held.clear();
    releasing = true;
    try {
      for (Held h : release) {
        if (h.fromClient()) {
          client(h.message(), h.raw(), direct);
        } else {
          deliver(h);
        }
      }
    } finally {
      releasing = false;
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
      } while (routing.inFlight(id));
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
