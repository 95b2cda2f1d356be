package dev.toolseal.registry.pages;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What the server page shows for one version of a server. Every text that came from a publisher
 * or an assessor is either {@link VisibleLines} or went through {@code VisibleText}; the template
 * escapes it all.
 *
 * @param name the server name, {@code <namespace>/<name>}
 * @param path the page path of the server, {@code /servers/<namespace>/<name>}
 * @param title the server's title (or name) from its manifest
 * @param version the version shown
 * @param latest whether it is the newest version
 * @param status the release's status, as on its badge
 * @param badgePath the badge image of this version
 * @param versions every version, newest first
 * @param release the release's log and digest facts
 * @param publisherKey the key that signed the release
 * @param reviews the reviews of this version
 * @param tools the tools of this version's manifest
 * @param instructions the server's instructions, or null
 * @param diff the changes from the previous version, or null for the first version
 */
@TemplateData
public record ServerPage(String name, String path, String title, String version, boolean latest, Status status,
        String badgePath, List<VersionRow> versions, Release release, PublisherKey publisherKey,
        List<ReviewItem> reviews, List<ToolItem> tools, VisibleLines instructions, DiffSection diff) {

    public ServerPage {
        versions = List.copyOf(versions);
        reviews = List.copyOf(reviews);
        tools = List.copyOf(tools);
    }

    /** The badge message and its tone ({@code ok}, {@code warn} or {@code bad}). */
    @TemplateData
    public record Status(String message, String tone) {
    }

    /** One row of the versions table; {@code previous} (the next older version) and {@code diffPath} may be null. */
    @TemplateData
    public record VersionRow(String version, String published, long logIndex, boolean yanked, int reviews,
            boolean current, String previous, String diffPath) {
    }

    /** Digests, log positions and signatures of a release; {@code checkpointSize} is null until integrated. */
    @TemplateData
    public record Release(String manifestDigest, String envelopeDigest, long logIndex, Long yankLogIndex,
            long conflicts, String published, Long checkpointSize, List<String> signatures, String bundlePath) {
        public Release {
            signatures = List.copyOf(signatures);
        }
    }

    /**
     * The publisher's key as the namespace records it; {@code provenAs} and {@code proofMethod} are
     * null for a key bound first come, without an ownership proof.
     */
    @TemplateData
    public record PublisherKey(String namespace, String keyId, String algorithm, String state, String provenAs,
            String proofMethod) {
    }

    /**
     * An assessor's review. {@code provenAs} is what the assessor key's ownership proof shows, null
     * when the key was bound without one; {@code namespace} is then only a name its binder chose.
     */
    @TemplateData
    public record ReviewItem(String namespace, String provenAs, String keyId, String result, boolean passed,
            String verifierId, String reviewed, long logIndex, List<FindingItem> findings) {
        public ReviewItem {
            findings = List.copyOf(findings);
        }
    }

    /** One finding of a review: severity, JSON Pointer into the manifest, message. */
    @TemplateData
    public record FindingItem(String severity, String path, VisibleLines message) {
    }

    /** A tool: its name, description and whole definition (pretty JSON), hidden characters shown. */
    @TemplateData
    public record ToolItem(String name, VisibleLines description, VisibleLines definition) {
        /** Invisible code points anywhere in the definition. */
        public int hiddenCount() {
            return definition.hiddenCount();
        }
    }

    /** The changes between two versions, as {@code DiffRenderer} text. */
    @TemplateData
    public record DiffSection(String from, String to, boolean identical, VisibleLines text) {
    }
}
