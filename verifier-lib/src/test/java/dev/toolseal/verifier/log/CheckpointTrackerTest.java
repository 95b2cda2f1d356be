package dev.toolseal.verifier.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.checkpoint.WitnessQuorumException;
import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.tlog.note.UnverifiedNoteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTrackerTest {
  @TempDir
  Path tmp;

  private final TestLog log = new TestLog("log.toolseal.test", 7).grow(5);

  private long stored(CheckpointStore store) throws IOException {
    byte[] note = store.load(log.origin()).orElseThrow();
    String[] lines = new String(note, StandardCharsets.UTF_8).split("\n");
    return Long.parseLong(lines[1]);
  }

  @Test
  void firstCheckpointIsStoredThenConsistentGrowthAdvances() throws Exception {
    CheckpointStore store = new MemoryCheckpointStore();
    CheckpointTracker tracker = new CheckpointTracker(log.trust(), store, log.client());
    tracker.observe(log.checkpoint());
    assertEquals(5, stored(store));
    for (int i = 0; i < 28; i++) {
      log.grow(1 + i % 3);
      assertEquals(log.size(), tracker.observe(log.checkpoint()).checkpoint().size());
      assertEquals(log.size(), stored(store));
      assertEquals(log.root(log.size()),
          tracker.latest(log.origin()).orElseThrow().checkpoint().root());
    }
  }

  @Test
  void olderConsistentCheckpointsAreAcceptedWithoutMovingBack() throws Exception {
    CheckpointStore store = new MemoryCheckpointStore();
    CheckpointTracker tracker = new CheckpointTracker(log.trust(), store, log.client());
    log.grow(20);
    tracker.observe(log.checkpoint());
    for (long size = 0; size <= log.size(); size++) {
      assertEquals(size, tracker.observe(log.checkpoint(size)).checkpoint().size());
      assertEquals(log.size(), stored(store));
    }
  }

  @Test
  void sameSizeDifferentRootIsAForkWithBothCheckpoints() throws Exception {
    CheckpointStore store = new MemoryCheckpointStore();
    TestLog evil = log.copy();
    log.grow(1);
    evil.append("evil".getBytes(StandardCharsets.UTF_8));
    new CheckpointTracker(log.trust(), store, log.client()).observe(log.checkpoint());
    LogForkException fork = assertThrows(LogForkException.class,
        () -> new CheckpointTracker(log.trust(), store, evil.client()).observe(evil.checkpoint()));
    assertArrayEquals(log.checkpoint(), fork.known().signedNote());
    assertArrayEquals(evil.checkpoint(), fork.presented().signedNote());
    assertTrue(fork.proof().isEmpty());
    assertTrue(fork.proofFailure().isEmpty());
    assertEquals(6, stored(store));
  }

  @Test
  void biggerTreeThatRewritesHistoryIsAForkWithTheFailedProof() throws Exception {
    CheckpointStore store = new MemoryCheckpointStore();
    TestLog evil = log.copy();
    log.grow(3);
    evil.append("evil".getBytes(StandardCharsets.UTF_8));
    evil.grow(9);
    new CheckpointTracker(log.trust(), store, log.client()).observe(log.checkpoint());
    LogForkException fork = assertThrows(LogForkException.class,
        () -> new CheckpointTracker(log.trust(), store, evil.client()).observe(evil.checkpoint()));
    assertEquals(8, fork.known().checkpoint().size());
    assertEquals(15, fork.presented().checkpoint().size());
    assertEquals(evil.consistency(8, 15), fork.proof());
    assertTrue(fork.proofFailure().isPresent());
    assertEquals(8, stored(store));
  }

  @Test
  void everyTamperedConsistencyProofIsAFork() throws Exception {
    log.grow(6);
    List<Hash> good = log.consistency(5, 11);
    List<List<Hash>> bad = new ArrayList<>();
    for (int i = 0; i < good.size(); i++) {
      for (int bit = 0; bit < 256; bit += 37) {
        List<Hash> p = new ArrayList<>(good);
        p.set(i, p.get(i).flipBit(bit));
        bad.add(p);
      }
      List<Hash> shorter = new ArrayList<>(good);
      shorter.remove(i);
      bad.add(shorter);
    }
    List<Hash> longer = new ArrayList<>(good);
    longer.add(good.get(0));
    bad.add(longer);
    for (List<Hash> proof : bad) {
      CheckpointStore store = new MemoryCheckpointStore();
      new CheckpointTracker(log.trust(), store, log.client()).observe(log.checkpoint(5));
      LogClient lying = (origin, a, b) -> proof;
      LogForkException fork = assertThrows(LogForkException.class,
          () -> new CheckpointTracker(log.trust(), store, lying).observe(log.checkpoint(11)));
      assertInstanceOf(ProofException.class, fork.proofFailure().orElseThrow());
      assertEquals(5, stored(store));
    }
  }

  @Test
  void noProofMeansNotAcceptedAndNothingStored() throws Exception {
    CheckpointStore store = new MemoryCheckpointStore();
    CheckpointTracker tracker = new CheckpointTracker(log.trust(), store, LogClient.none());
    tracker.observe(log.checkpoint());
    tracker.observe(log.checkpoint());
    log.grow(2);
    assertThrows(IOException.class, () -> tracker.observe(log.checkpoint()));
    assertThrows(IOException.class, () -> tracker.observe(log.checkpoint(3)));
    assertEquals(5, stored(store));
  }

  @Test
  void offlineProofsAreUsed() throws Exception {
    CheckpointStore store = new MemoryCheckpointStore();
    log.grow(4);
    LogClient offline = LogClient.offline(List.of(
        new ConsistencyProof(log.origin(), 5, 9, log.consistency(5, 9))));
    CheckpointTracker tracker = new CheckpointTracker(log.trust(), store, offline);
    tracker.observe(log.checkpoint(5));
    tracker.observe(log.checkpoint(9));
    assertEquals(9, stored(store));
  }

  /**
   * Grows {@code log} by two entries and returns a copy of it from before, grown by one other
   * entry and one more: the same size, another tree under the same key.
   */
  private TestLog forkAfterGrowingBoth() {
    TestLog evil = log.copy();
    log.grow(2);
    evil.append("evil".getBytes(StandardCharsets.UTF_8));
    evil.grow(1);
    return evil;
  }

  @Test
  void stateSurvivesARestartAndStillCatchesTheFork() throws Exception {
    Path dir = tmp.resolve("checkpoints");
    TestLog evil = forkAfterGrowingBoth();
    new CheckpointTracker(log.trust(), new FileCheckpointStore(dir), log.client())
        .observe(log.checkpoint());
    CheckpointStore restarted = new FileCheckpointStore(dir);
    assertEquals(7, stored(restarted));
    assertThrows(LogForkException.class,
        () -> new CheckpointTracker(log.trust(), restarted, evil.client())
            .observe(evil.checkpoint()));
    assertEquals(7, stored(new FileCheckpointStore(dir)));
  }

  @Test
  void aForkIsRecordedAndTheLogRefusedAcrossRestartsUntilCleared() throws Exception {
    Path dir = tmp.resolve("checkpoints");
    TestLog evil = forkAfterGrowingBoth();
    new CheckpointTracker(log.trust(), new FileCheckpointStore(dir), log.client())
        .observe(log.checkpoint());
    LogForkException fork = assertThrows(LogForkException.class,
        () -> new CheckpointTracker(log.trust(), new FileCheckpointStore(dir), evil.client())
            .observe(evil.checkpoint()));
    Path record = Path.of(fork.record().orElseThrow());
    assertTrue(record.startsWith(dir.toAbsolutePath()));
    String evidence = java.nio.file.Files.readString(record);
    assertTrue(evidence.contains(new String(log.checkpoint(), StandardCharsets.UTF_8)
        .replace("\n", "\\n")), evidence);
    assertTrue(evidence.contains(new String(evil.checkpoint(), StandardCharsets.UTF_8)
        .replace("\n", "\\n")), evidence);
    // the honest log, consistent with what is stored, is refused too: a person must look first
    log.grow(1);
    for (int run = 0; run < 2; run++) {
      ForkedLogException refused = assertThrows(ForkedLogException.class,
          () -> new CheckpointTracker(log.trust(), new FileCheckpointStore(dir), log.client())
              .observe(log.checkpoint()));
      assertEquals(record.toString(), refused.record());
    }
    assertTrue(new FileCheckpointStore(dir).clearFork(log.origin()));
    assertTrue(new FileCheckpointStore(dir).load(log.origin()).isEmpty());
    new CheckpointTracker(log.trust(), new FileCheckpointStore(dir), log.client())
        .observe(log.checkpoint());
    assertEquals(8, stored(new FileCheckpointStore(dir)));
  }

  @Test
  void checkpointsOfUntrustedKeysAreRefused() throws Exception {
    CheckpointStore store = new MemoryCheckpointStore();
    TestLog other = new TestLog("log.toolseal.test", 8).grow(5);
    TestLog unknown = new TestLog("other.toolseal.test", 7).grow(5);
    CheckpointTracker tracker = new CheckpointTracker(log.trust(), store, log.client());
    UntrustedCheckpointException e = assertThrows(UntrustedCheckpointException.class,
        () -> tracker.observe(other.checkpoint()));
    assertInstanceOf(UnverifiedNoteException.class, e.getCause());
    assertThrows(UntrustedCheckpointException.class, () -> tracker.observe(unknown.checkpoint()));
    assertTrue(store.load(log.origin()).isEmpty());
  }

  @Test
  void aTamperedStoreIsRefused() throws Exception {
    CheckpointStore store = new MemoryCheckpointStore();
    CheckpointTracker tracker = new CheckpointTracker(log.trust(), store, log.client());
    byte[] forged = new TestLog("log.toolseal.test", 9).grow(50).checkpoint();
    store.compareAndSet(log.origin(), java.util.Optional.empty(), forged);
    assertThrows(UntrustedCheckpointException.class, () -> tracker.observe(log.checkpoint()));
    assertThrows(UntrustedCheckpointException.class, () -> tracker.latest(log.origin()));
  }

  @Test
  void witnessQuorumIsRequiredForNewCheckpoints() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 3);
    CosignatureSigner w1 = CosignatureSigner.of(NoteSigner.fromSeed("w1.example", seed), clock);
    Arrays.fill(seed, (byte) 4);
    CosignatureSigner w2 = CosignatureSigner.of(NoteSigner.fromSeed("w2.example", seed), clock);
    LogTrust trust = new LogTrust(List.of(log.key().verifier()),
        List.of(w1.verifier(), w2.verifier()), 2);
    CheckpointStore store = new MemoryCheckpointStore();
    CheckpointTracker tracker = new CheckpointTracker(trust, store, log.client());
    UntrustedCheckpointException e = assertThrows(UntrustedCheckpointException.class,
        () -> tracker.observe(Note.sign(body(), log.key(), w1)));
    assertInstanceOf(WitnessQuorumException.class, e.getCause());
    assertEquals(5, tracker.observe(Note.sign(body(), log.key(), w1, w2)).checkpoint().size());
  }

  private String body() {
    return new dev.toolseal.tlog.checkpoint.Checkpoint(log.origin(), log.size(),
        log.root(log.size())).format();
  }
}
