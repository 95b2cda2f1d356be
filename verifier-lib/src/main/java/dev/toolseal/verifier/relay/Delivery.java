package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.VisibleText;
import java.util.Optional;

/**
 * Delivers what the upstream sent, once it was routed on arrival, under the verdict in force
 * (docs/design/boundary.md, "Routing rule"): answers to forwarded client requests (a refusal in
 * their place under a rejection), the server's own requests (relayed, or refused upstream with
 * {@code SERVER_REQUEST_REFUSED}) and its notifications ({@link ServerMessages}). What is not
 * let through is written to the audit log and stderr. Called under the session's lock; writes
 * only queue.
 */
final class Delivery {
  private final GuardSettings settings;
  private final Outbox toClient;
  private final Outbox toUpstream;
  private final Routing routing;

  Delivery(GuardSettings settings, Outbox toClient, Outbox toUpstream, Routing routing) {
    this.settings = settings;
    this.toClient = toClient;
    this.toUpstream = toUpstream;
    this.routing = routing;
  }

  /** What became of an answer to a forwarded client request. */
  enum Answered {
    /** Relayed, or replaced by a refusal under the rules. */
    DONE,
    /** Refused: another server than the verified one answered (verify again). */
    ANOTHER_SERVER,
    /** Refused: it broke the protocol's rules (a routing violation). */
    VIOLATION,
    /** Not sent: input requests for a bridged legacy client, which the caller sends as requests. */
    ASK
  }

  /**
   * An answer to a forwarded client request of {@code method}, under the verdict in force. In a
   * modern session ({@code modernClientCapabilities} not null) an answer that names another
   * server than the verified one is refused, and one that asks for input (docs/design/eras.md,
   * section 6) is relayed only where the verdict lets server requests through (to a legacy
   * client bridged to a modern server, {@code bridged}, as requests: {@link Answered#ASK}); a
   * bridged client's other answers lose their modern members ({@link Bridge#legacyAnswer}).
   */
  Answered response(RpcMessage m, byte[] raw, GuardVerdict verdict, String method,
      JsonNode modernClientCapabilities, boolean bridged) {
    RpcId id = m.id().get();
    if (verdict.rejectsServer()) {
      toClient.send(RpcParser.write(Admission.refusal(id, "SERVER_REJECTED", null,
          verdict, settings)));
      return Answered.DONE;
    }
    if (modernClientCapabilities != null && verdict.fromAnotherServer(m)) {
      dropped("refused", "an answer to " + VisibleText.of(method) + " (id "
          + VisibleText.of(id.toString()) + ") from another server than the verified one", verdict);
      toClient.send(RpcParser.write(Admission.refusal(id, "NOT_VERIFIED", null, verdict,
          settings)));
      return Answered.ANOTHER_SERVER;
    }
    if (modernClientCapabilities != null && InputRequests.asksForInput(m)) {
      Optional<String> broken = InputRequests.violation(m, method, modernClientCapabilities);
      if (broken.isPresent()
          || !ServerMessages.requestAllowed(verdict, settings.allowServerRequests())) {
        dropped("refused", broken.orElse("input requests") + " in an answer to "
            + VisibleText.of(method) + " (id " + VisibleText.of(id.toString()) + ")", verdict);
        toClient.send(RpcParser.write(Admission.refusal(id, "SERVER_REQUEST_REFUSED", null,
            verdict, settings)));
        return broken.isPresent() ? Answered.VIOLATION : Answered.DONE;
      }
      if (bridged) { // the caller turns them into requests to the legacy client
        return Answered.ASK;
      }
    }
    if (bridged) {
      toClient.send(Bridge.legacyAnswer(m).map(RpcParser::write)
          .orElseGet(() -> raw != null ? raw : m.bytes()));
    } else {
      toClient.send(raw != null ? raw : m.bytes());
    }
    return Answered.DONE;
  }

  /** The server's {@code ping}: answered by the guard itself, under any verdict or none. */
  void ping(RpcMessage m) {
    toUpstream.send(RpcParser.write(Responses.result(m.id().get(),
        JsonNodeFactory.instance.objectNode())));
  }

  /** A request of the server's own (not ping), under the verdict in force. */
  void serverRequest(RpcMessage m, byte[] raw, GuardVerdict verdict) {
    RpcId id = m.id().get();
    if (!verdict.rejectsServer()
        && ServerMessages.requestAllowed(verdict, settings.allowServerRequests())) {
      routing.relayed(id);
      toClient.send(raw != null ? raw : m.bytes());
      return;
    }
    dropped("refused", "a server request " + VisibleText.of(m.method().orElse("")) + " (id "
        + VisibleText.of(id.toString()) + ")", verdict);
    toUpstream.send(RpcParser.write(Admission.refusal(id, "SERVER_REQUEST_REFUSED", null, verdict,
        settings)));
  }

  /** A notification; {@code tied} as decided on arrival (progress, cancelled). */
  void notification(RpcMessage m, byte[] raw, boolean tied, GuardVerdict verdict) {
    if (!ServerMessages.notificationAllowed(m, verdict, tied)) {
      dropped("dropped", "a notification " + VisibleText.of(m.method().orElse("")), verdict);
      return;
    }
    if (m.is("notifications/cancelled")) {
      routing.close(cancelledId(m)); // the client's answer to it is not expected any more
    }
    if (Subjects.isListChanged(m)
        || m.is("notifications/subscriptions/acknowledged")) {
      // only that a list changed (or a listen stream is open), and on which of the client's
      // listen streams: none of the server's params
      ObjectNode bare = JsonNodeFactory.instance.objectNode();
      bare.put("jsonrpc", "2.0");
      bare.put("method", m.method().orElseThrow());
      JsonNode subscription = ModernMeta.subscriptionId(m);
      if (routing.listening(subscription)) {
        ObjectNode params = bare.putObject("params");
        params.putObject("_meta").set(ModernMeta.SUBSCRIPTION_ID, subscription.deepCopy());
        if (m.is("notifications/subscriptions/acknowledged")) { // the flags in force, only
          ObjectNode flags = params.putObject("notifications");
          m.params().path("notifications").properties().forEach(f -> {
            if (f.getValue().isBoolean()) {
              flags.put(f.getKey(), f.getValue().booleanValue());
            }
          });
        }
      }
      toClient.send(RpcParser.write(bare));
      return;
    }
    toClient.send(raw != null ? raw : m.bytes());
  }

  private static RpcId cancelledId(RpcMessage m) {
    try {
      return RpcId.of(m.params().path("requestId"), false);
    } catch (RpcFormatException e) {
      throw new IllegalStateException("checked on arrival", e);
    }
  }

  /** A message the routing rule did not let through ({@code verdict} may be null). */
  void dropped(String decision, String what, GuardVerdict verdict) {
    settings.audit().routing(decision, what, verdict == null ? "" : verdict.manifestDigest());
    settings.diagnostics().accept("routing: " + decision + " " + what);
  }
}
