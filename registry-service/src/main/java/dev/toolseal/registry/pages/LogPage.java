package dev.toolseal.registry.pages;

import io.quarkus.qute.TemplateData;
import java.util.List;

/**
 * What the log page shows: the latest signed checkpoint, the newest entries it covers, and what a
 * person needs to check the log themselves.
 *
 * @param origin the checkpoint's origin line
 * @param size the checkpoint's tree size
 * @param rootHash the checkpoint's root hash (base64)
 * @param note the whole signed checkpoint note
 * @param verifierKey the log's note verifier key
 * @param entries the newest entries, newest first
 * @param baseUrl this registry's base URL, for the commands on the page
 */
@TemplateData
public record LogPage(String origin, long size, String rootHash, String note, String verifierKey,
        List<EntryRow> entries, String baseUrl) {

    public LogPage {
        entries = List.copyOf(entries);
    }

    /** The next-to-last tree size for the consistency-proof example (0 for an empty log). */
    public long previousSize() {
        return Math.max(0, size - 1);
    }

    /**
     * One logged entry. {@code serverPath} links a release, review or yank to its server page
     * (null for key events); {@code stored} is false for an orphan leaf whose envelope the
     * registry never stored.
     */
    @TemplateData
    public record EntryRow(long index, boolean stored, String kind, String subject, String serverPath, String keyId,
            String logged) {
    }
}
