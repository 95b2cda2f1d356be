package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.VisibleText;
import java.util.Optional;

/**
 * The {@code initialize} handshake of one session (docs/design/boundary.md, "initialize is
 * verified before the client sees it"): the client's first {@code initialize} goes upstream with
 * its {@code protocolVersion} set to the reference's, the upstream's answer is kept and followed
 * by the guard's own {@code notifications/initialized}, and the client's {@code initialize} is
 * answered only from a verdict. Pure bookkeeping and queued writes; the caller holds the
 * session's lock.
 */
final class Handshake {
  private static final byte[] INITIALIZED = RpcParser.write(initializedNotification());

  private final GuardSettings settings;
  private final Outbox toClient;
  private final Outbox toUpstream;
  private boolean seen;
  private RpcId sent; // the client's initialize, sent upstream, not answered there yet
  private RpcId unanswered; // the client's initialize, not answered to the client yet
  private JsonNode clientCapabilities = JsonNodeFactory.instance.objectNode();
  private JsonNode result;
  private boolean initialized;

  Handshake(GuardSettings settings, Outbox toClient, Outbox toUpstream) {
    this.settings = settings;
    this.toClient = toClient;
    this.toUpstream = toUpstream;
  }

  private static ObjectNode initializedNotification() {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("jsonrpc", "2.0");
    n.put("method", "notifications/initialized");
    return n;
  }

  /**
   * The client's {@code initialize} {@code m} ({@code raw} its line, if it came alone): sent
   * upstream and true, or false if it must be refused (a second one, or one inside a batch).
   */
  boolean clientInitialize(RpcMessage m, byte[] raw, boolean alone) {
    if (seen || !alone) {
      return false;
    }
    seen = true;
    RpcId id = m.id().orElseThrow();
    JsonNode caps = m.params().path("capabilities");
    clientCapabilities = caps.isObject() ? caps.deepCopy() : JsonNodeFactory.instance.objectNode();
    sent = id;
    unanswered = id;
    String asked = m.params().path("protocolVersion").asText("");
    String reference = settings.referenceProtocolVersion().orElse(asked);
    if (reference.equals(asked) || !m.params().isObject()) {
      toUpstream.send(raw != null ? raw : m.bytes());
      return true;
    }
    ObjectNode tree = m.tree();
    ((ObjectNode) tree.get("params")).put("protocolVersion", reference);
    settings.audit().initialize(asked, reference);
    settings.diagnostics().accept("the client asked for protocol version "
        + VisibleText.of(asked) + "; the server is asked for the reference's, " + reference);
    toUpstream.send(RpcParser.write(tree));
    return true;
  }

  /** Whether the client sent its initialize (the session is of the legacy era). */
  boolean seen() {
    return seen;
  }

  /** Whether {@code id} is the client's initialize, not answered to the client yet. */
  boolean awaitsAnswer(RpcId id) {
    return id.equals(unanswered);
  }

  /** Whether upstream response {@code id} answers the client's initialize. */
  boolean isUpstreamAnswer(RpcId id) {
    return id.equals(sent);
  }

  /**
   * The upstream answered the client's initialize with {@code m}: the guard's own initialized
   * goes upstream and true (verify next), or false if the answer is an error.
   */
  boolean upstreamAnswered(RpcMessage m) {
    sent = null;
    JsonNode r = m.tree().get("result");
    if (r == null || !r.isObject()) {
      return false;
    }
    result = r.deepCopy();
    toUpstream.send(INITIALIZED);
    initialized = true;
    return true;
  }

  /** Whether the upstream was initialized (its answer kept, the guard's initialized sent). */
  boolean initialized() {
    return initialized;
  }

  /** The capabilities the client declared (a copy). */
  JsonNode clientCapabilities() {
    return clientCapabilities.deepCopy();
  }

  /** The upstream's initialize result (a copy); only once {@link #initialized()}. */
  JsonNode result() {
    return result.deepCopy();
  }

  /**
   * {@code v} was put in force: the client's initialize, if still unanswered, is answered from
   * what was verified, or refused.
   */
  void verdict(GuardVerdict v) {
    if (unanswered != null && (result != null || v.rejectsServer())) {
      toClient.send(RpcParser.write(v.rejectsServer() || v.snapshot().isEmpty()
          ? Admission.refusal(unanswered, "SERVER_REJECTED", null, v, settings)
          : Responses.result(unanswered, v.snapshot().get().initializeResult())));
      unanswered = null;
    }
  }

  /** The client's initialize if it is still unanswered; it counts as answered now. */
  Optional<RpcId> abandon() {
    Optional<RpcId> open = Optional.ofNullable(unanswered);
    unanswered = null;
    return open;
  }
}
