package dev.toolseal.tlog.engine;

/** The store contract against {@link MemoryLogStore}. */
class MemoryLogStoreTest extends LogStoreContract {
  @Override
  protected LogStore newStore() {
    return new MemoryLogStore();
  }
}
