package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.util.Optional;

/**
 * Decides which parts of a live manifest a client may use. The gate's only view of trust: a
 * pinned manifest ({@link PinnedManifestVerifier}) or a signed, reviewed, logged release.
 *
 * <p>Contract: called by the gate on its own thread, once per verification, with the manifest
 * recorded raw from the server in hand. Throwing (anything) or returning {@code null} rejects
 * the whole server; the gate never falls back to accepting.
 */
@FunctionalInterface
public interface ManifestVerifier {

    /** The decision for {@code live}. */
    Decision verify(ToolManifest live) throws Exception;

    /**
     * The protocol version of the reference this verifier judges release {@code server}
     * against, when it is known before the server is recorded: a reference of the modern era
     * (2026-07-28 and later) makes the gate record the server in that era (and bridge a legacy
     * client to it). Empty by default, or when it cannot be read: the server is recorded in the
     * client's era (and a modern reference then rejects it as changed).
     */
    default Optional<String> referenceProtocolVersion(ServerRef server) {
        return Optional.empty();
    }
}
