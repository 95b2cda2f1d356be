package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.bundle.EntryProof;
import dev.toolseal.verifier.bundle.InclusionException;
import dev.toolseal.verifier.bundle.InclusionVerifier;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.log.LogTrust;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.registry.Receipt;
import dev.toolseal.verifier.registry.RegistryClient;
import dev.toolseal.verifier.registry.RegistryProblemException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Submitting an envelope to the registry and waiting until the log integrates it: the receipt
 * (log index) first, then, polling the entry's bundle with progress on stderr, its inclusion proof
 * and signed checkpoint. With a trusted log key the proof and checkpoint are verified.
 */
final class Submissions {
  private Submissions() {}

  /** What was submitted and, if it was waited for, its bundle. */
  record Submitted(Receipt receipt, Optional<OfflineBundle> bundle) {}

  static Submitted submit(RegistryClient client, String path, Envelope envelope, int waitSeconds,
      Optional<NoteVerifier> logKey, PrintWriter err) throws CommandFailure {
    Receipt receipt;
    try {
      receipt = client.submit(path, envelope.toJson());
    } catch (IOException e) {
      throw RegistryOptions.failure("publishing to " + client.base(), e);
    }
    err.println("accepted: " + receipt.kind() + " at log index " + receipt.logIndex() + " ("
        + receipt.status() + ")");
    if (waitSeconds <= 0) {
      return new Submitted(receipt, Optional.empty());
    }
    OfflineBundle bundle = awaitBundle(client, receipt.logIndex(), waitSeconds, err);
    if (!bundle.envelope().envelopeDigest().hex().equals(receipt.envelopeDigest())
        || bundle.proof().index() != receipt.logIndex()) {
      throw new CommandFailure(ExitCode.REJECTED, "the log entry at index "
          + receipt.logIndex() + " holds another envelope than the one accepted");
    }
    if (logKey.isPresent()) {
      try {
        InclusionVerifier.verify(bundle, LogTrust.of(logKey.get()));
      } catch (InclusionException e) {
        throw new CommandFailure(ExitCode.REJECTED, "the inclusion proof did not verify: "
            + VisibleText.of(e.getMessage()), e);
      }
      err.println("inclusion proof and checkpoint verified against " + logKey.get().name());
    }
    return new Submitted(receipt, Optional.of(bundle));
  }

  private static OfflineBundle awaitBundle(RegistryClient client, long index, int waitSeconds,
      PrintWriter err) throws CommandFailure {
    long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
    err.println("waiting for log index " + index + " to be integrated ...");
    for (int attempt = 1;; attempt++) {
      try {
        return BundleFormat.read(client.entryBundle(index));
      } catch (RegistryProblemException e) {
        if (e.status() != 503 || System.nanoTime() > deadline) {
          throw RegistryOptions.failure("fetching the proof of log index " + index, e);
        }
        err.println("  not integrated yet (attempt " + attempt + ")");
      } catch (IOException e) {
        throw RegistryOptions.failure("fetching the proof of log index " + index, e);
      } catch (BundleException e) {
        throw new CommandFailure(ExitCode.REJECTED, "the registry's bundle for log index "
            + index + " was rejected: " + VisibleText.of(String.valueOf(e.getMessage())), e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CommandFailure(ExitCode.IO, "interrupted while waiting for the log", e);
      }
    }
  }

  static ObjectNode json(Submitted s) {
    ObjectNode doc = JsonOutput.object();
    Receipt r = s.receipt();
    doc.put("kind", r.kind());
    doc.put("name", r.name());
    doc.put("version", r.version());
    doc.put("keyId", r.keyId());
    doc.put("envelopeDigest", r.envelopeDigest());
    doc.put("logIndex", r.logIndex());
    doc.put("status", r.status());
    s.bundle().ifPresent(b -> {
      EntryProof p = b.proof();
      ObjectNode inc = doc.putObject("inclusion");
      inc.put("treeSize", p.treeSize());
      inc.put("rootHash", p.rootHash().base64());
      ArrayNode hashes = inc.putArray("hashes");
      p.hashes().forEach(h -> hashes.add(h.base64()));
      inc.put("checkpoint", new String(p.checkpoint(), StandardCharsets.UTF_8));
    });
    return doc;
  }

  static void print(PrintWriter out, Submitted s) {
    Receipt r = s.receipt();
    out.println("logged " + VisibleText.of(r.kind()) + " " + VisibleText.of(r.name())
        + (r.version().isEmpty() ? "" : "@" + VisibleText.of(r.version()))
        + " (" + VisibleText.of(r.status()) + ")");
    out.println("  log index: " + r.logIndex());
    out.println("  key id: " + VisibleText.of(r.keyId()));
    out.println("  envelope sha256: " + VisibleText.of(r.envelopeDigest()));
    s.bundle().ifPresent(b -> {
      EntryProof p = b.proof();
      out.println("  included in tree size " + p.treeSize() + ", root " + p.rootHash().base64());
      out.println("  inclusion proof (" + p.hashes().size() + " hashes):");
      for (Hash h : p.hashes()) {
        out.println("    " + h.base64());
      }
      out.println("  checkpoint:");
      for (String line : new String(p.checkpoint(), StandardCharsets.UTF_8).split("\n")) {
        out.println("    " + VisibleText.of(line));
      }
    });
  }
}
