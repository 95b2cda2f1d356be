package dev.toolseal.verifier.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.log.LogClient;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseEvidenceSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Release evidence fetched from a registry for the server a verifier is shown: the release's
 * bundle, the bundles of its reviews and yank, and the bundles of every logged key event of its
 * namespace; consistency proofs come from the same registry ({@link RegistryLogClient}). Nothing
 * fetched is trusted; the verifier checks every bundle against its trusted log keys.
 */
public final class RegistryEvidence implements ReleaseEvidenceSource {
  private final RegistryClient client;
  private final LogClient logClient;

  public RegistryEvidence(RegistryClient client) {
    this.client = Objects.requireNonNull(client, "client");
    this.logClient = new RegistryLogClient(client);
  }

  @Override
  public ReleaseEvidence evidenceFor(ServerRef server) throws IOException, BundleException {
    String name = server.name();
    int slash = name.indexOf('/');
    if (slash <= 0) {
      throw new RegistryFormatException("server name " + name + " has no namespace");
    }
    byte[] release = client.releaseBundle(name, server.version());
    JsonNode detail = client.release(name, server.version());
    Set<Long> releaseEntries = new LinkedHashSet<>();
    for (JsonNode review : array(detail, "reviews")) {
      releaseEntries.add(Fields.index(review, "logIndex"));
    }
    JsonNode yank = detail.get("yankLogIndex");
    if (yank != null && !yank.isNull()) {
      releaseEntries.add(Fields.index(detail, "yankLogIndex"));
    }
    Set<Long> keyEntries = new LinkedHashSet<>();
    for (JsonNode event : array(client.namespace(name.substring(0, slash)), "events")) {
      keyEntries.add(Fields.index(event, "logIndex"));
    }
    if (releaseEntries.size() > ReleaseEvidence.MAX_BUNDLES
        || keyEntries.size() > ReleaseEvidence.MAX_BUNDLES) {
      throw new RegistryFormatException("the registry lists more than "
          + ReleaseEvidence.MAX_BUNDLES + " reviews or key events");
    }
    // yanks travel with the key events: the verifier reads them there
    List<byte[]> reviews = new ArrayList<>();
    List<byte[]> keyEvents = new ArrayList<>();
    for (long index : releaseEntries) {
      (yank != null && !yank.isNull() && index == yank.asLong() ? keyEvents : reviews)
          .add(client.entryBundle(index));
    }
    for (long index : keyEntries) {
      keyEvents.add(client.entryBundle(index));
    }
    return ReleaseEvidence.read(release, reviews, keyEvents, logClient);
  }

  private static List<JsonNode> array(JsonNode doc, String field) throws RegistryFormatException {
    JsonNode v = doc.get(field);
    if (v == null || !v.isArray()) {
      throw new RegistryFormatException("field " + field + " is not an array");
    }
    List<JsonNode> out = new ArrayList<>();
    v.forEach(out::add);
    return out;
  }
}
