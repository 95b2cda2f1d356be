package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.OwnershipRecord;
import dev.toolseal.verifier.keys.VerificationKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code toolseal ownership-record}: prints the exact MCPv1 record that proves control of a domain
 * for a key, the line a {@code dns} proof needs as a TXT record on the domain and an {@code http}
 * proof as the body of {@code https://<domain>/.well-known/mcp-registry-auth}. Only Ed25519 keys
 * have one.
 */
@Command(name = "ownership-record", mixinStandardHelpOptions = true,
    description = {"Print the DNS TXT / well-known record that proves a domain for a key.",
        "toolseal ownership-record --public-key acme.pub --domain example.com"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class OwnershipRecordCommand extends ToolsealCommand {
  @Option(names = "--public-key", required = true, paramLabel = "<key.pub>",
      description = "The public key (SPKI PEM, as keygen writes it) the record names.")
  Path publicKeyFile;

  @Option(names = "--domain", paramLabel = "<domain>",
      description = "Also say where to publish the record for this domain (on stderr).")
  String domain;

  @Override
  int execute() throws CommandFailure {
    VerificationKey key = Inputs.verificationKey(publicKeyFile);
    if (domain != null && !Ownership.isDomain(domain)) {
      throw new ParameterException(spec.commandLine(),
          "bad --domain: lowercase host name of at least two labels, e.g. example.com");
    }
    String line;
    try {
      line = OwnershipRecord.of(key).toString();
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCode.REJECTED, e.getMessage());
    }
    if (json()) {
      ObjectNode doc = JsonOutput.object();
      doc.put("keyId", key.keyId().hex());
      doc.put("record", line);
      if (domain != null) {
        doc.put("txtName", domain);
        doc.put("wellKnownUrl", "https://" + domain + "/.well-known/mcp-registry-auth");
      }
      JsonOutput.print(out(), doc);
      return ExitCode.OK;
    }
    out().println(line);
    if (domain != null) {
      err().println("dns: add it as a TXT record on " + domain + " (proves " + domain
          + " and its subdomains), then: toolseal bind --prove dns --domain " + domain);
      err().println("http: or serve it as https://" + domain
          + "/.well-known/mcp-registry-auth (proves exactly " + domain
          + "), then: toolseal bind --prove http --domain " + domain);
    }
    return ExitCode.OK;
  }
}
