package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where the outcome of one client message goes: straight out, or into a batch being rebuilt. */
interface ClientSink {
  /** Relay {@code m} to the upstream ({@code raw} is its line as received, if it was one). */
  void forward(RpcMessage m, byte[] raw);

  /** Answer the client with {@code response}. */
  void answer(ObjectNode response);

  /** Relays and answers at once: one message that came alone. */
  final class Direct implements ClientSink {
    private final Outbox toClient;
    private final Outbox toUpstream;

    Direct(Outbox toClient, Outbox toUpstream) {
      this.toClient = toClient;
      this.toUpstream = toUpstream;
    }

    @Override
    public void forward(RpcMessage m, byte[] raw) {
      toUpstream.send(raw != null ? raw : m.bytes());
    }

    @Override
    public void answer(ObjectNode response) {
      toClient.send(RpcParser.write(response));
    }
  }

  /** Collects the relayed elements and the answers of one client batch. */
  final class Batch implements ClientSink {
    final ArrayNode forwarded = JsonNodeFactory.instance.arrayNode();
    final ArrayNode answers = JsonNodeFactory.instance.arrayNode();

    @Override
    public void forward(RpcMessage m, byte[] raw) {
      forwarded.add(m.tree());
    }

    @Override
    public void answer(ObjectNode response) {
      answers.add(response);
    }
  }
}
