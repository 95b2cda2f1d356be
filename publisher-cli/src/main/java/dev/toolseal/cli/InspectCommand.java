package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Finding;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.attest.Subject;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code toolseal inspect}: what an envelope claims (payload type, signer key ids, statement
 * subject and predicate summary) without trusting it; with {@code --key} it also checks the
 * signature. Every text from the envelope is shown with hidden characters spelled out.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Show what a DSSE envelope says, without trusting it.",
        "With --key, also check that key's signature (exit 3 if it does not verify)."},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class InspectCommand extends ToolsealCommand {
  @Parameters(index = "0", paramLabel = "<envelope.json>", description = "A DSSE envelope.")
  Path envelopeFile;

  @Option(names = "--key", paramLabel = "<key.pub>",
      description = "A public key whose signature must verify.")
  Path keyFile;

  @Override
  int execute() throws CommandFailure {
    Envelope envelope = Inputs.envelope(envelopeFile);
    Optional<VerificationKey> key = keyFile == null ? Optional.empty()
        : Optional.of(Inputs.verificationKey(keyFile));
    ObjectNode doc = JsonOutput.object();
    doc.put("verified", false);
    doc.put("payloadType", envelope.payloadType());
    doc.put("payloadBytes", envelope.payload().length);
    doc.put("envelopeDigest", envelope.envelopeDigest().hex());
    ArrayNode ids = doc.putArray("keyIds");
    envelope.keyIds().forEach(k -> ids.add(k.hex()));
    if (key.isPresent()) {
      try {
        Attestations.verifyStatement(envelope, List.of(key.get()));
        doc.put("verified", true);
        doc.put("verifiedKeyId", key.get().keyId().hex());
      } catch (AttestationVerificationException | StatementFormatException e) {
        throw new CommandFailure(ExitCode.REJECTED, "not verified: " + e.getMessage(), e);
      }
    }
    if (envelope.payloadType().equals(Statement.PAYLOAD_TYPE)) {
      Statement st;
      try {
        st = Statement.parse(envelope.payload());
      } catch (StatementFormatException e) {
        throw new CommandFailure(ExitCode.REJECTED, "payload is not an in-toto statement: "
            + e.getMessage(), e);
      }
      describe(st, doc.putObject("statement"));
    }
    if (json()) {
      JsonOutput.print(out(), doc);
    } else {
      new InspectText(out()).print(doc);
    }
    return ExitCode.OK;
  }

  private static void describe(Statement st, ObjectNode o) throws CommandFailure {
    o.put("predicateType", st.predicateType());
    ArrayNode subjects = o.putArray("subjects");
    for (Subject s : st.subjects()) {
      subjects.addObject().put("name", s.name()).put("sha256", s.sha256().hex());
    }
    try {
      if (st.predicateType().equals(Release.PREDICATE_TYPE)) {
        Release r = Release.fromStatement(st);
        ToolManifest m = ReleaseFiles.manifest(r);
        ObjectNode rel = o.putObject("release");
        rel.put("server", m.server().name());
        rel.put("version", m.server().version());
        rel.put("manifestDigest", r.manifestDigest().hex());
        rel.put("tools", m.entries(EntryKind.TOOL).size());
        rel.put("prompts", m.entries(EntryKind.PROMPT).size());
        rel.put("resources", m.entries(EntryKind.RESOURCE).size());
        rel.put("resourceTemplates", m.entries(EntryKind.RESOURCE_TEMPLATE).size());
      } else if (st.predicateType().equals(Review.PREDICATE_TYPE)) {
        Review r = Review.fromStatement(st);
        ObjectNode rev = o.putObject("review");
        rev.put("verdict", r.result().name());
        rev.put("verifierId", r.verifierId());
        rev.put("timeVerified", r.timeVerified().toString());
        rev.put("policyUri", r.policyUri());
        rev.put("resourceUri", r.resourceUri());
        ArrayNode levels = rev.putArray("verifiedLevels");
        r.verifiedLevels().forEach(levels::add);
        ArrayNode findings = rev.putArray("findings");
        for (Finding f : r.findings()) {
          findings.addObject().put("severity", f.severity().wireName()).put("path", f.path())
              .put("message", f.message());
        }
      }
    } catch (PredicateFormatException | AttestationVerificationException e) {
      throw new CommandFailure(ExitCode.REJECTED, "predicate rejected: " + e.getMessage(), e);
    }
  }
}
