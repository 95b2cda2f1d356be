package dev.toolseal.registry.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter of the changes this process committed to the registry's tables. Cached reads keyed
 * by it (together with the log's checkpoint size) are dropped after any local write.
 */
@ApplicationScoped
public class RegistryChanges {

    private final AtomicLong generation = new AtomicLong();

    /** The current generation; it grows after every committed change. */
    public long current() {
        return generation.get();
    }

    /** Call after committing a change. */
    public void changed() {
        generation.incrementAndGet();
    }
}
