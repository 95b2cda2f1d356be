package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.gate.Decision;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.manifest.EntryKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;

/**
 * The guard's audit log: one JSON object per line, appended and flushed per decision. Fields:
 * {@code time} (ISO-8601 UTC), {@code server}, {@code event} ({@code verification},
 * {@code reason}, {@code request}, {@code routing}, {@code initialize}), {@code decision}
 * ({@code accept-all}, {@code accept-only}, {@code reject-server}, {@code allowed},
 * {@code refused}, {@code dropped}, {@code rewritten}), {@code manifestDigest}, and where it
 * applies {@code method}, {@code entry} ({@code tool:add}), {@code tool}, {@code entryDigest},
 * {@code kind} (the reason's change kind), {@code pointers} and {@code reason} (text with hidden
 * characters spelled out). A verification line also has {@code clientCapabilities} (as the
 * client sent them) and {@code comparedClientCapabilities} (the reference's, which the verified
 * manifest holds).
 */
public final class AuditLog implements AutoCloseable {
  private final OutputStream out;
  private final Clock clock;
  private final String server;

  private AuditLog(OutputStream out, Clock clock, String server) {
    this.out = out;
    this.clock = clock;
    this.server = server;
  }

  /** Appends to {@code file} (created if missing); {@code null} for no log. */
  public static AuditLog open(Path file, Clock clock, String server) throws IOException {
    OutputStream out = file == null ? OutputStream.nullOutputStream()
        : Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
            StandardOpenOption.WRITE);
    return new AuditLog(out, clock, server);
  }

  /** One verification: its decision line, then one line per reason. */
  void verification(GuardVerdict verdict) {
    ObjectNode line = line("verification", decisionName(verdict.decision()),
        verdict.manifestDigest());
    line.put("reasons", verdict.decision().reasons().size());
    verdict.snapshot().ifPresent(s -> line.set("clientCapabilities", s.clientCapabilities()));
    verdict.manifest().ifPresent(m -> line.set("comparedClientCapabilities",
        m.clientCapabilities().tree()));
    write(line);
    for (GateReason r : verdict.decision().reasons()) {
      ObjectNode l = line("reason", decisionName(verdict.decision()), verdict.manifestDigest());
      r.key().ifPresent(k -> entry(l, k, verdict));
      reason(l, r);
      write(l);
    }
  }

  /** One client request the guard allowed or refused. */
  void request(String method, EntryKey key, boolean allowed, GuardVerdict verdict,
      java.util.List<GateReason> reasons) {
    ObjectNode l = line("request", allowed ? "allowed" : "refused", verdict.manifestDigest());
    l.put("method", method);
    if (key != null) {
      entry(l, key, verdict);
    }
    if (!allowed) {
      ArrayNode why = l.putArray("reasons");
      for (GateReason r : reasons) {
        ObjectNode o = why.addObject();
        r.key().ifPresent(k -> o.put("entry", k.toString()));
        reason(o, r);
      }
    }
    write(l);
  }

  /**
   * A message the routing rule did not let through ({@code decision} {@code dropped} or
   * {@code refused}); {@code what} says which (server-controlled parts escaped by the caller).
   */
  void routing(String decision, String what, String manifestDigest) {
    ObjectNode l = line("routing", decision, manifestDigest);
    l.put("reason", what);
    write(l);
  }

  /** The client's {@code initialize} asked for {@code asked}; the upstream got {@code sent}. */
  void initialize(String asked, String sent) {
    ObjectNode l = line("initialize", "rewritten", "");
    l.put("requestedProtocolVersion", asked);
    l.put("protocolVersion", sent);
    write(l);
  }

  private ObjectNode line(String event, String decision, String digest) {
    ObjectNode l = JsonNodeFactory.instance.objectNode();
    l.put("time", clock.instant().toString());
    l.put("server", server);
    l.put("event", event);
    l.put("decision", decision);
    l.put("manifestDigest", digest);
    return l;
  }

  private static void entry(ObjectNode l, EntryKey key, GuardVerdict verdict) {
    l.put("entry", key.toString());
    if (key.kind() == dev.toolseal.verifier.manifest.EntryKind.TOOL) {
      l.put("tool", key.id());
    }
    l.put("entryDigest", verdict.entryDigest(key));
  }

  private static void reason(ObjectNode l, GateReason r) {
    l.put("kind", r.kind().name());
    ArrayNode pointers = l.putArray("pointers");
    r.pointers().forEach(pointers::add);
    r.renamedTo().ifPresent(k -> l.put("renamedTo", k.toString()));
    l.put("reason", r.text());
  }

  static String decisionName(Decision d) {
    if (d instanceof Decision.AcceptAll) {
      return "accept-all";
    }
    return d instanceof Decision.AcceptOnly ? "accept-only" : "reject-server";
  }

  private synchronized void write(ObjectNode line) {
    try {
      out.write(RpcParser.write(line));
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("the audit log cannot be written", e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
