package dev.toolseal.verifier.registry;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.log.LogClient;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Consistency proofs from a registry's {@code /v1/log/proof/consistency}. The registry serves one
 * log; asked about another origin it still answers for its own log, and the caller's check
 * against both signed roots refuses the answer.
 */
public final class RegistryLogClient implements LogClient {
  private final RegistryClient client;

  public RegistryLogClient(RegistryClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  @Override
  public List<Hash> consistencyProof(String origin, long oldSize, long newSize)
      throws IOException {
    return client.consistency(origin, oldSize, newSize).hashes();
  }
}
