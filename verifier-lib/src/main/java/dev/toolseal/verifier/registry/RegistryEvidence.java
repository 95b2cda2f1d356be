package dev.toolseal.verifier.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.keys.KeyFormatException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.LogClient;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseEvidenceSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Release evidence fetched from a registry for the server a verifier is shown: the release's
 * bundle, the bundles of its reviews and yank, the bundles of every logged key event of its
 * namespace, and those of the namespace of every assessor the verifier trusts that reviewed it (so
 * a revocation of an assessor key reaches the verifier, which then does not count that key's
 * review); consistency proofs come from the same registry ({@link RegistryLogClient}). Nothing
 * fetched is trusted; the verifier checks every bundle against its trusted log keys. A registry
 * can still leave events out of a namespace's list, as it could before: that is for monitors.
 */
public final class RegistryEvidence implements ReleaseEvidenceSource {
  private final RegistryClient client;
  private final LogClient logClient;
  private final Set<KeyId> assessors;

  /** Evidence without the key events of any assessor namespace. */
  public RegistryEvidence(RegistryClient client) {
    this(client, Set.of());
  }

  /**
   * Evidence that also holds the key events of the namespaces of the reviews signed by {@code
   * assessors} (the policy's trusted assessor keys), as the registry lists them.
   */
  public RegistryEvidence(RegistryClient client, Collection<KeyId> assessors) {
    this.client = Objects.requireNonNull(client, "client");
    this.logClient = new RegistryLogClient(client);
    this.assessors = Set.copyOf(assessors);
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
    String namespace = name.substring(0, slash);
    Set<Long> releaseEntries = new LinkedHashSet<>();
    Set<String> namespaces = new LinkedHashSet<>();
    namespaces.add(namespace);
    for (JsonNode review : array(detail, "reviews")) {
      releaseEntries.add(Fields.index(review, "logIndex"));
      if (!assessors.isEmpty() && assessors.contains(keyId(review))) {
        namespaces.add(text(review, "assessor"));
      }
    }
    JsonNode yank = detail.get("yankLogIndex");
    if (yank != null && !yank.isNull()) {
      releaseEntries.add(Fields.index(detail, "yankLogIndex"));
    }
    if (releaseEntries.size() > ReleaseEvidence.MAX_BUNDLES) {
      throw tooMany();
    }
    Set<Long> keyEntries = new LinkedHashSet<>();
    for (String ns : namespaces) {
      for (JsonNode event : array(client.namespace(ns), "events")) {
        keyEntries.add(Fields.index(event, "logIndex"));
      }
      if (keyEntries.size() > ReleaseEvidence.MAX_BUNDLES) {
        throw tooMany();
      }
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

  private static RegistryFormatException tooMany() {
    return new RegistryFormatException("the registry lists more than "
        + ReleaseEvidence.MAX_BUNDLES + " reviews or key events");
  }

  private static KeyId keyId(JsonNode review) throws RegistryFormatException {
    try {
      return KeyId.parse(text(review, "keyId"));
    } catch (KeyFormatException e) {
      throw new RegistryFormatException("a review's keyId is not a key id");
    }
  }

  private static String text(JsonNode doc, String field) throws RegistryFormatException {
    JsonNode v = doc.get(field);
    if (v == null || !v.isTextual()) {
      throw new RegistryFormatException("field " + field + " is not a string");
    }
    return v.textValue();
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
