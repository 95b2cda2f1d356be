package dev.toolseal.verifier.log;

class MemoryCheckpointStoreTest extends CheckpointStoreContract {
  @Override
  CheckpointStore newStore() {
    return new MemoryCheckpointStore();
  }

  @Override
  CheckpointStore reopen(CheckpointStore store) {
    return store;
  }
}
