package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import dev.toolseal.verifier.relay.HeldTraffic.Held;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

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
 * verdict. Writes only queue ({@link Outbox}), so the lock is never held across blocking IO;
 * {@link Routing}, {@link Handshake}, {@link HeldTraffic}, {@link OwnRequests} hold no lock.
 */
final class GuardSession implements RequestChannel {
  private final GuardSettings settings;
  private final Outbox toClient;
  private final Outbox toUpstream;
  private final Verification verification;

  private final Object lock = new Object();
  private final HeldTraffic held = new HeldTraffic();
  private final OwnRequests own = new OwnRequests();
  private final Routing routing = new Routing();
  private final InputRounds rounds = new InputRounds();
  private final Handshake handshake;
  private final Delivery delivery;
  private final ClientSink direct;
  private GuardVerdict verdict;
  private RpcId ownListen; // the guard's own subscriptions/listen request, in a modern session
  private GuardVerdict lastVerdict; // the newest installed, also while a new one is pending
  private Instant verifiedAt;
  private boolean releasing; // held messages are being released under a verdict just made
  private GuardVerdict sticky;
  private long generation;
  private boolean upstreamGone;
  // a modern session (docs/design/eras.md, section 7): the protocol version relayed and the
  // client capabilities of the client's first modern request; null in a legacy session
  private String modernVersion;
  private JsonNode modernCapabilities;
  // a legacy client bridged to a modern server (eras.md, section 7): its initialize, unanswered
  // until a verdict, and the version it asked for
  private boolean bridged;
  private RpcId bridgedInitialize;
  private String bridgedClientVersion;

  GuardSession(GuardSettings settings, Outbox toClient, Outbox toUpstream,
      Verification verification) {
    this.settings = settings;
    this.toClient = toClient;
    this.toUpstream = toUpstream;
    this.verification = verification;
    this.handshake = new Handshake(settings, toClient, toUpstream);
    this.delivery = new Delivery(settings, toClient, toUpstream, routing);
    this.direct = new ClientSink.Direct(toClient, toUpstream);
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
        if (rounds.isAsk(m.id().get())) {
          inputAnswered(m);
        } else if (routing.close(m.id().get())) {
          sink.forward(m, raw);
        } else {
          delivery.dropped("dropped", "a client response to no relayed server request (id "
              + VisibleText.of(m.id().get().toString()) + ")", verdict);
        }
      }
      case NOTIFICATION -> {
        if (m.is("notifications/initialized")) {
          return; // the upstream had the guard's own
        } else if (verdict == null) {
          hold(Held.client(m, raw), sink);
        } else {
          sink.forward(m, raw);
        }
      }
      case REQUEST -> {
        RpcId id = m.id().orElseThrow();
        if (own.pending(id) || routing.inFlight(id) || handshake.awaitsAnswer(id)
            || id.equals(bridgedInitialize)) {
          sink.answer(refusal(id, "ID_IN_USE"));
        } else if (m.is("initialize")) {
          if (bridged || handshake.seen()) {
            sink.answer(refusal(id, "ALREADY_INITIALIZED"));
          } else if (modernVersion != null) {
            sink.answer(legacyClientRefused(id));
          } else if (referenceEra() == Era.MODERN) {
            bridge(m, id, sink);
          } else if (!handshake.clientInitialize(m, raw, sink == direct)) {
            sink.answer(refusal(id, "ALREADY_INITIALIZED"));
          }
        } else if (!handshake.seen() && !bridged
            && (modernVersion != null || ModernMeta.isModern(m))) {
          modern(m, raw, sink, id);
        } else if (m.is("server/discover")) { // a legacy session: its initialize said it all
          sink.answer(Responses.error(id, Responses.METHOD_NOT_FOUND, "Method not found"));
        } else if (verdict == null) {
          hold(Held.client(m, raw), sink);
        } else if (stale(m)) {
          startVerification(); // fresh evidence first, as after a list_changed notification
          hold(Held.client(m, raw), sink);
        } else {
          decide(m, raw, sink, id);
        }
      }
    }
  }

  /**
   * A request of a modern client (docs/design/eras.md, section 7). The first one fixes the
   * version relayed (the reference's, else the one it names) and starts the verification; each
   * must name that version; {@code server/discover} is answered from the verdict.
   */
  private void modern(RpcMessage m, byte[] raw, ClientSink sink, RpcId id) {
    Optional<String> asked = ModernMeta.requestedVersion(m);
    Optional<String> reference = settings.referenceProtocolVersion();
    if (referenceEra() == Era.LEGACY) {
      settings.diagnostics().accept("the client speaks MCP " + VisibleText.of(asked.orElse("?"))
          + " (no initialize), but the reference of " + VisibleText.of(settings.server().name())
          + " was recorded at " + VisibleText.of(reference.get())
          + "; configure the client for " + VisibleText.of(reference.get()));
      sink.answer(ModernMeta.unsupportedVersion(id, reference.get(), asked));
      return;
    }
    if (modernVersion == null) {
      if (asked.isEmpty()) {
        sink.answer(ModernMeta.unsupportedVersion(id,
            reference.orElse(ModernMeta.FIRST_MODERN_VERSION), asked));
        return;
      }
      modernVersion = reference.orElse(asked.get());
      modernCapabilities = ModernMeta.clientCapabilities(m);
      listen();
      startVerification();
    }
    if (!asked.equals(Optional.of(modernVersion))) {
      sink.answer(ModernMeta.unsupportedVersion(id, modernVersion, asked));
    } else if (verdict == null) {
      hold(Held.client(m, raw), sink);
    } else if (stale(m)) {
      startVerification();
      hold(Held.client(m, raw), sink);
    } else if (m.is("server/discover")) {
      sink.answer(verdict.rejectsServer() ? refusal(id, "SERVER_REJECTED")
          : verdict.discoverResult(modernVersion).map(r -> Responses.result(id, r))
              .orElseGet(() -> refusal(id, "SERVER_REJECTED")));
    } else {
      decide(m, raw, sink, id);
    }
  }

  /** The era of the reference (pin or release), when one is known before the upstream starts. */
  private Era referenceEra() {
    return settings.referenceProtocolVersion().map(Era::ofProtocolVersion).orElse(null);
  }

  /** A legacy client's initialize in a session a modern client opened: refused, explained. */
  private ObjectNode legacyClientRefused(RpcId id) {
    settings.diagnostics().accept("the client opened a legacy MCP session (initialize), but "
        + VisibleText.of(settings.server().name()) + " is relayed at MCP "
        + VisibleText.of(modernVersion) + " to a modern client in this session; configure the client for that version");
    return refusal(id, "UNSUPPORTED_ERA");
  }

  /**
   * A legacy client's {@code initialize} in front of a server whose reference is modern: the
   * guard bridges (eras.md, section 7). The server is verified in the modern era with the
   * client's capabilities; the initialize is answered from the verdict; the client's requests
   * go upstream with the modern {@code _meta}, and the answers come back in the legacy shape.
   */
  private void bridge(RpcMessage m, RpcId id, ClientSink sink) {
    if (sink != direct) { // inside a batch: as a second initialize would be
      sink.answer(refusal(id, "ALREADY_INITIALIZED"));
      return;
    }
    bridged = true;
    bridgedInitialize = id;
    String asked = m.params().path("protocolVersion").asText("");
    bridgedClientVersion = !asked.isEmpty() && Era.ofProtocolVersion(asked) == Era.LEGACY ? asked
        : ModernMeta.LATEST_LEGACY_VERSION;
    modernVersion = settings.referenceProtocolVersion().orElseThrow();
    JsonNode caps = m.params().path("capabilities");
    modernCapabilities = caps.isObject() ? caps.deepCopy() : JsonNodeFactory.instance.objectNode();
    settings.diagnostics().accept("the client speaks MCP " + VisibleText.of(bridgedClientVersion)
        + " (initialize); " + VisibleText.of(settings.server().name()) + " is verified and relayed"
        + " at " + VisibleText.of(modernVersion) + ", bridged by the guard");
    listen();
    startVerification();
  }

  /**
   * Opens the guard's own {@code subscriptions/listen} stream to a modern upstream, for every
   * list change, so that a change is verified whether or not the client listens itself (a
   * modern server has no other way to announce one). Its answer ends the stream; nobody waits
   * for it.
   */
  private void listen() {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.putObject("notifications").put("toolsListChanged", true)
        .put("promptsListChanged", true).put("resourcesListChanged", true);
    params.set("_meta", ModernMeta.own(modernVersion, modernCapabilities));
    ownListen = own.open(new CompletableFuture<>(), routing::inFlight);
    toUpstream.send(RpcParser.write(Responses.request(ownListen, "subscriptions/listen",
        params)));
  }

  /** What the client in this session expects answers to look like. */
  private boolean modernClient() {
    return modernVersion != null && !bridged;
  }

  /** Whether the upstream is in a session the guard can verify (initialized, or modern). */
  private boolean ready() {
    return handshake.initialized() || modernVersion != null;
  }

  /**
   * A bridged legacy client answered one of the guard's input requests: once the round is
   * complete its original request goes again, judged like any request of the client's.
   */
  private void inputAnswered(RpcMessage m) {
    InputRounds.Outcome outcome = rounds.answered(m.id().get(), m);
    if (outcome instanceof InputRounds.Outcome.Retry retry) {
      client(new RpcMessage(RpcMessage.Kind.REQUEST, retry.request(),
          Optional.of(retry.method()), Optional.of(retry.id())), null, direct);
    } else if (outcome instanceof InputRounds.Outcome.Failed failed) {
      delivery.dropped("refused", "the client answered an input request with an error (id "
          + VisibleText.of(m.id().get().toString()) + ")", verdict);
      toClient.send(RpcParser.write(refusal(failed.call(), "SERVER_REQUEST_REFUSED")));
    }
  }

  /** Whether {@code m} is a list request under a verdict older than the evidence age bound. */
  private boolean stale(RpcMessage m) {
    return sticky == null && ready() && verifiedAt != null && !releasing
        && ListKind.ofMethod(m.method().orElse("")).isPresent()
        && !settings.clock().instant().isBefore(verifiedAt.plus(settings.maxEvidenceAge()));
  }

  private void hold(Held h, ClientSink sink) {
    if (!held.full()) {
      held.add(h);
    } else if (h.message().kind() == RpcMessage.Kind.REQUEST) { // too many wait for a verdict
      sink.answer(refusal(h.message().id().orElseThrow(), "NOT_VERIFIED"));
    }
  }

  /** A client request under the verdict in force. */
  private void decide(RpcMessage m, byte[] raw, ClientSink sink, RpcId id) {
    Admission.Outcome outcome = Admission.judge(m, verdict, settings, modernClient());
    if (outcome instanceof Admission.Outcome.Answer answer) {
      sink.answer(answer.response());
    } else if (bridged) { // the modern server needs the per-request _meta the client never sends
      RpcMessage modern = Bridge.request(m, modernVersion, modernCapabilities);
      routing.forwarded(id, m.method().orElseThrow(), modern.params());
      rounds.forwarded(id, m.method().orElseThrow(), modern.params());
      sink.forward(modern, null);
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
        if (m.kind() == RpcMessage.Kind.RESPONSE && own.pending(m.id().get())) {
          done.add(own.take(m.id().get()));
          answers.add(m.tree());
        } else if (m.kind() == RpcMessage.Kind.RESPONSE) {
          response(m, raw);
        } else if (m.kind() == RpcMessage.Kind.REQUEST && m.is("ping")) {
          delivery.ping(m);
        } else if (held.full()) {
          upstreamBroken("the upstream sent more than " + HeldTraffic.MAX_HELD
              + " messages while it was being verified");
        } else if (m.kind() == RpcMessage.Kind.REQUEST && modernVersion != null) {
          // a modern server asks only inside results (input requests): a request of its own
          // breaks the protocol, whatever the verdict
          delivery.dropped("refused", "a server request " + VisibleText.of(m.method().orElse(""))
              + " in a modern session", verdict);
          toUpstream.send(RpcParser.write(refusal(m.id().get(), "SERVER_REQUEST_REFUSED")));
          countViolation();
        } else if (m.kind() == RpcMessage.Kind.REQUEST) {
          if (verdict == null) {
            held.add(Held.upstream(m, raw));
          } else {
            delivery.serverRequest(m, raw, verdict);
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
    if (handshake.isUpstreamAnswer(id)) {
      if (handshake.upstreamAnswered(m)) {
        startVerification(); // the client's initialize is answered from the verdict
      } else {
        upstreamBroken("the upstream answered initialize with an error");
      }
      return;
    }
    if (own.ours(id)) { // never the client's
      if (own.late(id)) { // a request of ours that timed out
        delivery.dropped("dropped", "a late answer to the guard's own request (id "
            + VisibleText.of(id.toString()) + ")", verdict);
      }
      return;
    }
    Optional<String> method = routing.answer(id);
    if (method.isEmpty()) {
      violation("a response to no forwarded, unanswered client request (id "
          + VisibleText.of(id.toString()) + ")");
    } else if (verdict == null) {
      held.add(new Held(false, m, raw, method.get(), false));
    } else {
      answered(m, delivery.response(m, raw, verdict, method.get(), modernCapabilities, bridged));
    }
  }

  private void answered(RpcMessage m, Delivery.Answered outcome) {
    RpcId id = m.id().get();
    if (outcome == Delivery.Answered.ASK) {
      List<ObjectNode> asks = rounds.ask(id, m.tree().get("result"),
          other -> routing.inFlight(other) || own.pending(other));
      if (asks.isEmpty()) {
        delivery.dropped("refused", "input requests past " + InputRounds.MAX_ROUNDS
            + " rounds in an answer (id " + VisibleText.of(id.toString()) + ")", verdict);
        toClient.send(RpcParser.write(refusal(id, "SERVER_REQUEST_REFUSED")));
      }
      asks.forEach(a -> toClient.send(RpcParser.write(a)));
      return;
    }
    rounds.finished(id);
    if (outcome == Delivery.Answered.VIOLATION) {
      countViolation();
    } else if (outcome == Delivery.Answered.ANOTHER_SERVER && !releasing) {
      startVerification(); // as after a list_changed notification
    }
  }

  private void notification(RpcMessage m, byte[] raw) {
    boolean ours = ownListen != null && ownListen.key().equals(idKey(ModernMeta.subscriptionId(m)));
    if (Subjects.isListChanged(m)) {
      if (ready()) {
        startVerification();
      }
      if (!ours) {
        held.add(Held.upstream(m, raw));
      } else if (bridged) { // a legacy client hears of it as of any change, after the verdict
        ObjectNode bare = JsonNodeFactory.instance.objectNode();
        bare.put("jsonrpc", "2.0");
        bare.put("method", m.method().orElseThrow());
        held.add(Held.upstream(new RpcMessage(RpcMessage.Kind.NOTIFICATION, bare, m.method(),
            Optional.empty()), null));
      }
      return;
    }
    if (ours) {
      return; // the acknowledgement of the guard's own stream
    }
    boolean tied = m.is("notifications/progress")
        ? routing.progressAllowed(m.params().path("progressToken"))
        : m.is("notifications/subscriptions/acknowledged")
            ? routing.listening(ModernMeta.subscriptionId(m))
            : m.is("notifications/cancelled") && routing.isRelayed(m.params().path("requestId"));
    if (verdict == null) {
      held.add(new Held(false, m, raw, null, tied));
    } else {
      delivery.notification(m, raw, tied, verdict);
    }
  }

  /** The key of a JSON-RPC id value, or null when it is not one. */
  private static String idKey(JsonNode id) {
    try {
      return RpcId.of(id, false).key();
    } catch (RpcFormatException e) {
      return null;
    }
  }

  private void deliver(Held h) {
    switch (h.message().kind()) {
      case RESPONSE -> answered(h.message(), delivery.response(h.message(), h.raw(), verdict,
          h.answers(), modernCapabilities, bridged));
      case REQUEST -> delivery.serverRequest(h.message(), h.raw(), verdict);
      case NOTIFICATION -> delivery.notification(h.message(), h.raw(), h.tied(), verdict);
    }
  }

  /** A response the client never asked for: dropped; the third rejects the server. */
  private void violation(String what) {
    int n = routing.violation();
    delivery.dropped("dropped", what + ", routing violation " + n, verdict);
    brokenAfter(n);
  }

  /** One more violation that was already refused and logged where it was found. */
  private void countViolation() {
    brokenAfter(routing.violation());
  }

  private void brokenAfter(int violations) {
    if (violations == Routing.MAX_VIOLATIONS) {
      upstreamBroken("the upstream broke the routing rules " + violations + " times (answers"
          + " to no forwarded request, or input requests against the protocol's rules)");
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
        List<RpcId> open = new ArrayList<>(routing.drain().keySet());
        open.addAll(rounds.waiting());
        for (RpcId id : open) {
          toClient.send(RpcParser.write(refusal(id, "SERVER_REJECTED")));
        }
        own.drain().forEach(f -> f.completeExceptionally(new IllegalStateException(why)));
      }
    }
  }

  /** The upstream's output ended: every open request is answered, nothing else is sent. */
  void upstreamClosed() {
    List<CompletableFuture<JsonNode>> pending;
    synchronized (lock) {
      upstreamGone = true;
      pending = own.drain();
      List<RpcId> open = new ArrayList<>();
      handshake.abandon().ifPresent(open::add);
      if (bridgedInitialize != null) {
        open.add(bridgedInitialize);
        bridgedInitialize = null;
      }
      open.addAll(routing.drain().keySet());
      open.addAll(rounds.waiting());
      open.addAll(held.abandon());
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

  /**
   * The inputs of the next verification, and which generation they belong to: a legacy
   * session's client capabilities and initialize result, or a modern session's protocol version
   * ({@code modernVersion}, else null) and client capabilities.
   */
  record Inputs(long generation, JsonNode clientCapabilities, JsonNode initializeResult,
      String modernVersion) {}

  Inputs inputs() {
    synchronized (lock) {
      return modernVersion != null
          ? new Inputs(generation, modernCapabilities.deepCopy(), null, modernVersion)
          : new Inputs(generation, handshake.clientCapabilities(), handshake.result(), null);
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
    lastVerdict = v;
    verifiedAt = settings.clock().instant();
    settings.audit().verification(v);
    settings.diagnostics().accept(Subjects.summary(settings.server().name(), v));
    handshake.verdict(v);
    if (bridgedInitialize != null) {
      toClient.send(RpcParser.write(v.rejectsServer() ? refusal(bridgedInitialize,
          "SERVER_REJECTED") : v.bridgedInitializeResult(bridgedClientVersion, settings.server())
              .map(r -> Responses.result(bridgedInitialize, r))
              .orElseGet(() -> refusal(bridgedInitialize, "SERVER_REJECTED"))));
      bridgedInitialize = null;
    }
    List<Held> release = held.release();
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
      id = own.open(answer, routing::inFlight);
      toUpstream.send(RpcParser.write(Responses.request(id, method, params)));
    }
    try {
      return OwnRequests.await(answer, method, settings.timeout());
    } finally {
      synchronized (lock) {
        own.giveUp(id); // answered, failed or timed out: it waits no more
      }
    }
  }

  /**
   * The {@code inputSchema} of tool {@code name} as the last verdict that accepted it verified
   * it (for the headers a modern HTTP upstream needs); empty when no verdict accepts it.
   */
  Optional<JsonNode> verifiedInputSchema(String name) {
    synchronized (lock) {
      GuardVerdict v = verdict != null ? verdict : lastVerdict;
      EntryKey key = new EntryKey(EntryKind.TOOL, name);
      if (v == null || !v.allows(key)) {
        return Optional.empty();
      }
      return v.manifest().map(m -> m.entries().get(key)).map(e -> e.tree().get("inputSchema"));
    }
  }

  /**
   * The newest generation and the verdict in force ({@code null} while one is pending: a
   * verification is due; a rejection for the session stays in force).
   */
  record State(long generation, GuardVerdict verdict) {}

  /** For {@link Verification} and an embedding front end ({@link EmbeddedGuard}); never waits. */
  State state() {
    synchronized (lock) {
      return new State(generation, verdict);
    }
  }
}
