package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.manifest.CanonicalJson;
import dev.toolseal.verifier.manifest.DiffRenderer;
import dev.toolseal.verifier.manifest.ManifestChange;
import dev.toolseal.verifier.manifest.ManifestDiff;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.ValueChange;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code toolseal diff}: what changed between two manifests, part by part: two manifest files, or
 * with {@code --registry} the signed manifests of two versions of a server in the registry (shown
 * as published; {@code verify} is what checks signatures and the log).
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare two manifests (a = signed or older, b = live or newer).",
        "toolseal diff a.json b.json",
        "toolseal diff --registry URL --name NS/NAME 1.0.0 1.1.0",
        "Exits 0 when identical, 3 when they differ."},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class DiffCommand extends ToolsealCommand {
  @Parameters(index = "0", paramLabel = "<a>",
      description = "The signed or older manifest file (with --registry: a version).")
  String a;

  @Parameters(index = "1", paramLabel = "<b>",
      description = "The live or newer manifest file (with --registry: a version).")
  String b;

  @Mixin
  RegistryOptions registry = new RegistryOptions();

  @Option(names = "--name", paramLabel = "<server name>",
      description = "With --registry: the server whose versions <a> and <b> are compared.")
  String name;

  @Override
  int execute() throws CommandFailure {
    if (registry.given() != (name != null)) {
      throw new ParameterException(spec.commandLine(), "--registry and --name go together");
    }
    ToolManifest before = load(a);
    ToolManifest after = load(b);
    ManifestDiff diff = ManifestDiff.between(before, after);
    if (json()) {
      ObjectNode doc = JsonOutput.object();
      doc.put("identical", diff.isEmpty());
      doc.set("a", describe(a, before));
      doc.set("b", describe(b, after));
      ArrayNode changes = doc.putArray("changes");
      diff.changes().forEach(c -> changes.add(toJson(c)));
      JsonOutput.print(out(), doc);
    } else {
      out().println("a: " + show(a) + " sha256 " + before.digest().hex());
      out().println("b: " + show(b) + " sha256 " + after.digest().hex());
      out().print(DiffRenderer.render(diff));
      out().flush();
    }
    return diff.isEmpty() ? ExitCode.OK : ExitCode.REJECTED;
  }

  private ToolManifest load(String which) throws CommandFailure {
    if (!registry.given()) {
      return Inputs.manifest(Path.of(which));
    }
    RegistryClient client = registry.client(spec.commandLine());
    String release = VisibleText.of(name) + "@" + VisibleText.of(which);
    err().println("fetching " + release + " from " + client.base() + " ...");
    try {
      byte[] bundle = client.releaseBundle(name, which);
      Statement st = Statement.parse(BundleFormat.read(bundle).envelope().payload());
      return Release.fromStatement(st).toolManifest();
    } catch (IOException e) {
      throw RegistryOptions.failure("fetching " + release, e);
    } catch (BundleException | StatementFormatException | PredicateFormatException
        | AttestationVerificationException | ManifestException e) {
      throw new CommandFailure(ExitCode.REJECTED, "the registry's release " + release
          + " holds no readable manifest: " + VisibleText.of(String.valueOf(e.getMessage())), e);
    }
  }

  private ObjectNode describe(String which, ToolManifest m) {
    ObjectNode o = JsonOutput.object();
    if (registry.given()) {
      o.put("server", name).put("version", which);
    } else {
      o.put("file", which);
    }
    return o.put("digest", m.digest().hex());
  }

  private String show(String which) {
    return registry.given() ? VisibleText.of(name) + "@" + VisibleText.of(which)
        : Inputs.show(Path.of(which));
  }

  static ObjectNode toJson(ManifestChange change) {
    ObjectNode o = JsonOutput.object();
    o.put("entry", change.key().toString());
    if (change instanceof ManifestChange.Added added) {
      o.put("change", "added");
      o.set("value", added.value().tree());
    } else if (change instanceof ManifestChange.Removed removed) {
      o.put("change", "removed");
      o.set("value", removed.value().tree());
    } else if (change instanceof ManifestChange.Renamed renamed) {
      o.put("change", "renamed");
      o.put("to", renamed.to().toString());
    } else if (change instanceof ManifestChange.Changed changed) {
      o.put("change", "changed");
      ArrayNode places = o.putArray("places");
      for (ValueChange v : changed.changes()) {
        ObjectNode p = places.addObject();
        p.put("pointer", v.pointer());
        v.before().map(CanonicalJson::tree).ifPresent(t -> p.set("before", t));
        v.after().map(CanonicalJson::tree).ifPresent(t -> p.set("after", t));
      }
    }
    return o;
  }
}
