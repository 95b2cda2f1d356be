/**
 * The log engine, independent of storage: {@link dev.toolseal.tlog.engine.Log} runs a
 * {@link dev.toolseal.tlog.engine.Sequencer} (bounded append queue, batches sequenced in one
 * transaction, {@link dev.toolseal.tlog.engine.PushbackException} when full), an
 * {@link dev.toolseal.tlog.engine.Integrator} (batched integration into C2SP tlog-tiles tiles
 * and entry bundles, a signed C2SP tlog-checkpoint published by compare-and-swap) and a
 * {@link dev.toolseal.tlog.engine.LogReader} (tiles, bundles, checkpoint, proofs from tiles).
 *
 * <p>State lives behind {@link dev.toolseal.tlog.engine.LogStore}, whose javadoc is the
 * contract; {@link dev.toolseal.tlog.engine.MemoryLogStore} keeps it in the heap. Wire formats
 * are those of tlog-core: tiles are 32-byte hashes concatenated, entry bundles are entries with
 * 16-bit big-endian lengths, checkpoints are signed notes. Example: {@code LogStoreContract}
 * and {@code LogTest} in the tests.
 */
package dev.toolseal.tlog.engine;
