package dev.toolseal.registry.browse;

import dev.toolseal.registry.store.RegistryChanges;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Computed read results kept in memory while the registry's state they were computed from stays
 * the same: the same log checkpoint size and the same local change generation
 * ({@link RegistryChanges}). Any accepted write is a log entry, so a write by another registry
 * instance on the same database invalidates entries once its checkpoint is seen (within the log
 * integrator's poll, 1 s). Bounded: when full, everything is dropped.
 */
final class ReadCache<K, V> {

    private record Stamped<V>(long checkpointSize, long generation, V value) {
    }

    private final Map<K, Stamped<V>> entries = new ConcurrentHashMap<>();
    private final int maxEntries;
    private final RegistryChanges changes;
    private final LongSupplier checkpointSize;

    ReadCache(int maxEntries, RegistryChanges changes, LongSupplier checkpointSize) {
        this.maxEntries = maxEntries;
        this.changes = changes;
        this.checkpointSize = checkpointSize;
    }

    /** The cached value for {@code key} if still current, else {@code load}'s (then cached). */
    V get(K key, Supplier<V> load) {
        // read the stamp before loading: a change during the load leaves a stale stamp behind
        long generation = changes.current();
        long size = checkpointSize.getAsLong();
        Stamped<V> hit = entries.get(key);
        if (hit != null && hit.generation() == generation && hit.checkpointSize() == size) {
            return hit.value();
        }
        V value = load.get();
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        entries.put(key, new Stamped<>(size, generation, value));
        return value;
    }
}
