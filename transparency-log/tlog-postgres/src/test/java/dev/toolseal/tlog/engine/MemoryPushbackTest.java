package dev.toolseal.tlog.engine;

/** Pushback over {@link MemoryLogStore}. */
class MemoryPushbackTest extends PushbackContract {
  @Override
  protected LogStore newStore() {
    return new MemoryLogStore();
  }
}
