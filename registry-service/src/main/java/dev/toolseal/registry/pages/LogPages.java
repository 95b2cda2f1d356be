package dev.toolseal.registry.pages;

import dev.toolseal.registry.log.LogReadService;
import dev.toolseal.registry.log.LogSigningKey;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.store.Rows;
import dev.toolseal.registry.store.Transactions;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointFormatException;
import dev.toolseal.verifier.manifest.VisibleText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds the {@link LogPage} from the log's latest checkpoint and the stored entries it covers. */
@ApplicationScoped
public class LogPages {

    /** Entries listed on the page. */
    static final int RECENT = 20;

    private static final Set<String> RELEASE_KINDS = Set.of("release", "review", "release-yank");

    private final LogReadService log;
    private final LogSigningKey key;
    private final Transactions transactions;

    @Inject
    public LogPages(LogReadService log, LogSigningKey key, Transactions transactions) {
        this.log = log;
        this.key = key;
        this.transactions = transactions;
    }

    /** The page; {@code baseUrl} (no trailing slash) goes into its example commands. */
    public LogPage page(String baseUrl) {
        String note = new String(log.checkpointNote(), StandardCharsets.UTF_8);
        Checkpoint checkpoint = parse(note);
        long size = checkpoint.size();
        List<LogPage.EntryRow> rows = transactions.read(c -> {
            List<LogPage.EntryRow> out = new ArrayList<>();
            for (long i = size - 1; i >= Math.max(0, size - RECENT); i--) {
                out.add(row(i, RegistryStore.entryAtIndex(c, i)));
            }
            return out;
        });
        return new LogPage(checkpoint.origin(), size, checkpoint.root().base64(), note, key.verifierKey(), rows,
                baseUrl);
    }

    private static LogPage.EntryRow row(long index, Optional<Rows.Entry> stored) {
        if (stored.isEmpty()) {
            return new LogPage.EntryRow(index, false, "", "", null, "", "");
        }
        Rows.Entry e = stored.get();
        boolean versioned = e.version() != null && !e.version().isEmpty();
        String subject = versioned ? e.name() + "@" + e.version() : e.name();
        String serverPath = RELEASE_KINDS.contains(e.kind()) && versioned && e.name().indexOf('/') > 0
                ? "/servers/" + e.name() + "/versions/" + e.version() : null;
        return new LogPage.EntryRow(index, true, e.kind(), VisibleText.of(subject), serverPath, e.keyId().hex(),
                Pages.utc(e.createdAt()));
    }

    private static Checkpoint parse(String note) {
        int end = note.indexOf("\n\n");
        try {
            return Checkpoint.parse(end < 0 ? note : note.substring(0, end + 1));
        } catch (CheckpointFormatException e) {
            throw new IllegalStateException("the log's own checkpoint does not parse", e);
        }
    }
}
