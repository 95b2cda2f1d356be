package dev.toolseal.cli;

import dev.toolseal.verifier.gate.LiveManifests;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestLimits;
import dev.toolseal.verifier.manifest.RawSession;
import dev.toolseal.verifier.manifest.SchemaRefs;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RawSnapshot;
import java.util.List;
import java.util.SortedMap;

/** From a recorded MCP snapshot to the manifest assembler's input, and recording failures. */
final class Snapshots {
  private Snapshots() {}

  /** The raw session of {@code snapshot}, for the release {@code server}. */
  static RawSession session(ServerRef server, RawSnapshot snapshot) {
    return LiveManifests.session(server, snapshot, snapshot.clientCapabilities());
  }

  /**
   * Refuses a manifest with a tool whose schema refers outside itself (docs/design/eras.md,
   * section 5): such a manifest is neither written by {@code snapshot} nor signed. The failure
   * names every such tool and the pointer of each reference.
   */
  static void requireContainedRefs(ToolManifest manifest, String what) throws CommandFailure {
    try {
      SchemaRefs.requireContained(manifest);
    } catch (ManifestException e) {
      SortedMap<EntryKey, List<SchemaRefs.LeavingRef>> found = SchemaRefs.of(manifest);
      StringBuilder text = new StringBuilder(what + ": " + found.size() + " tool(s) have a"
          + " schema reference that leaves the tool's own schema, which no signature can cover,"
          + " or that breaks the composition bounds (a reference cycle that never steps into part"
          + " of the instance, more than " + ManifestLimits.DEFAULT.maxRefChain() + " references"
          + " in a row, too large a schema), or that carries an invalid x-mcp-header annotation;"
          + " inline the referenced schema (a $ref to the schema's own #/$defs/... is fine),"
          + " simplify it, or fix the annotation");
      found.forEach((key, refs) -> refs.forEach(r -> text.append("; ").append(VisibleText.of(
          key + " at " + r.pointer() + ": " + r.problem() + ": " + r.detail()))));
      throw new CommandFailure(ExitCode.REJECTED, text.toString(), e);
    }
  }

  /**
   * The exit code for a recording failure: the server could not be reached or answered with an
   * error ({@link ExitCode#IO}); the JVM cannot read stdio safely ({@link ExitCode#INTERNAL});
   * the server sent something ToolSeal refuses ({@link ExitCode#REJECTED}).
   */
  static int exitCode(McpRecordingException e) {
    return switch (e.reason()) {
      case TRANSPORT, TIMEOUT, SERVER_ERROR -> ExitCode.IO;
      case UNSAFE_CHARSET, LISTENER_FAILED -> ExitCode.INTERNAL;
      default -> ExitCode.REJECTED;
    };
  }
}
