package dev.toolseal.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.tlog.witness.WitnessRefusal.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The witness against a misbehaving log: forks, stale sizes, bad proofs, forged signatures. */
class WitnessTest {
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;
  NoteSigner logKey;
  TestLog log;
  TestLog fork;
  CosignatureSigner signer;
  Witness witness;

  @BeforeEach
  void setUp() throws IOException {
    SecureRandom random = new SecureRandom();
    logKey = NoteSigner.generate("registry.example/log", random);
    log = new TestLog(logKey, "honest", 40);
    fork = new TestLog(logKey, "evil", 40);
    signer = CosignatureSigner.generate("witness.example/w1", random,
        Clock.fixed(NOW, ZoneOffset.UTC));
    witness = open();
  }

  Witness open() throws IOException {
    return Witness.open(signer, List.of(logKey.verifier()), FileStateStore.open(dir));
  }

  Reason refused(Witness w, AddCheckpointRequest r) {
    return assertThrows(WitnessRefusal.class, () -> w.addCheckpoint(r)).reason();
  }

  @Test
  void cosignsAGrowingLogAndTheCosignatureVerifies() throws Exception {
    long old = 0;
    for (long size : new long[] {0, 1, 2, 3, 7, 8, 8, 13, 32, 40}) {
      String line = witness.addCheckpoint(log.request(old, size));
      byte[] cosigned = (new String(log.signed(size), StandardCharsets.UTF_8) + line)
          .getBytes(StandardCharsets.UTF_8);
      SignedCheckpoint opened =
          SignedCheckpoint.open(cosigned, logKey.verifier(), List.of(signer.verifier()), 1);
      assertEquals(List.of(signer.verifier()), opened.cosigners());
      assertEquals(NOW.getEpochSecond(),
          CosignatureVerifier.timestamp(opened.note().verifiedSignatures().get(1)));
      assertEquals(new CosignedState(size, log.root(size)), witness.latest(logKey.name()));
      old = size;
    }
  }

  @Test
  void forkAtTheSameSizeIsAConflict() throws Exception {
    witness.addCheckpoint(log.request(0, 10));
    WitnessRefusal e = assertThrows(WitnessRefusal.class,
        () -> witness.addCheckpoint(new AddCheckpointRequest(10, List.of(), fork.signed(10))));
    assertEquals(Reason.CONFLICT, e.reason());
    assertEquals(10, e.latestSize());
  }

  /** The fork pairs kept in the state directory: each pair's two notes, opened. */
  List<SignedCheckpoint[]> keptForks() throws Exception {
    Path forks = dir.resolve("forks");
    List<SignedCheckpoint[]> out = new ArrayList<>();
    if (!Files.isDirectory(forks)) {
      return out;
    }
    try (var pairs = Files.list(forks)) {
      for (Path pair : pairs.filter(Files::isDirectory).toList()) {
        out.add(new SignedCheckpoint[] {
            SignedCheckpoint.open(Files.readAllBytes(pair.resolve("cosigned.checkpoint")),
                logKey.verifier()),
            SignedCheckpoint.open(Files.readAllBytes(pair.resolve("conflicting.checkpoint")),
                logKey.verifier())});
      }
    }
    return out;
  }

  @Test
  void aForkAtTheCosignedSizeLeavesBothSignedCheckpointsAsEvidenceWhateverTheOldSize()
      throws Exception {
    witness.addCheckpoint(log.request(0, 10));
    assertEquals(List.of(), keptForks());
    for (long old : new long[] {10, 0, 3}) {
      assertEquals(Reason.CONFLICT, refused(witness, fork.request(old, 10)));
    }
    List<SignedCheckpoint[]> kept = keptForks();
    assertEquals(1, kept.size(), "the same fork three times is kept once");
    Checkpoint ours = kept.get(0)[0].checkpoint();
    Checkpoint theirs = kept.get(0)[1].checkpoint();
    assertEquals(10, ours.size());
    assertEquals(10, theirs.size());
    assertEquals(log.root(10), ours.root());
    assertEquals(fork.root(10), theirs.root());
    // a refused checkpoint of another size, or a bad proof, proves nothing by itself
    assertEquals(Reason.CONFLICT, refused(witness, fork.request(0, 12)));
    assertEquals(1, keptForks().size());
    // the witness still cosigns the honest log, and a new fork at the new size is kept too
    witness.addCheckpoint(log.request(10, 20));
    assertEquals(Reason.CONFLICT, refused(witness, fork.request(20, 20)));
    assertEquals(2, keptForks().size());
    assertEquals(new CosignedState(20, log.root(20)), witness.latest(logKey.name()));
  }

  @Test
  void forkEvidenceIsBoundedPerLog() throws Exception {
    witness.addCheckpoint(log.request(0, 5));
    for (int i = 0; i < FileStateStore.MAX_FORKS_PER_LOG + 3; i++) {
      TestLog other = new TestLog(logKey, "evil" + i, 5);
      assertEquals(Reason.CONFLICT, refused(witness, other.request(5, 5)));
    }
    assertEquals(FileStateStore.MAX_FORKS_PER_LOG, keptForks().size());
  }

  @Test
  void forkFromTheEmptyTreeIsAConflictWithTheLatestSize() throws Exception {
    witness.addCheckpoint(log.request(0, 10));
    for (long size : new long[] {1, 10, 20}) {
      WitnessRefusal e = assertThrows(WitnessRefusal.class,
          () -> witness.addCheckpoint(fork.request(0, size)));
      assertEquals(Reason.CONFLICT, e.reason());
      assertEquals(10, e.latestSize());
    }
  }

  @Test
  void largerForkWithItsOwnProofFailsTheProof() throws Exception {
    witness.addCheckpoint(log.request(0, 10));
    assertEquals(Reason.BAD_PROOF, refused(witness, fork.request(10, 20)));
    assertEquals(new CosignedState(10, log.root(10)), witness.latest(logKey.name()));
  }

  @Test
  void forkThatSharesAPrefixIsRefused() throws Exception {
    witness.addCheckpoint(log.request(0, 12));
    TestLog diverged = log.forkAt(10, 30);
    assertEquals(log.root(10), diverged.root(10));
    assertEquals(Reason.CONFLICT,
        refused(witness, new AddCheckpointRequest(12, List.of(), diverged.signed(12))));
    assertEquals(Reason.BAD_PROOF, refused(witness, diverged.request(12, 30)));
    WitnessRefusal e =
        assertThrows(WitnessRefusal.class, () -> witness.addCheckpoint(diverged.request(10, 30)));
    assertEquals(12, e.latestSize());
    witness.addCheckpoint(log.request(12, 30));
  }

  @Test
  void staleOldSizeIsAConflictCarryingTheLatestSize() throws Exception {
    witness.addCheckpoint(log.request(0, 5));
    witness.addCheckpoint(log.request(5, 9));
    for (long old : new long[] {0, 4, 5, 8}) {
      WitnessRefusal e = assertThrows(WitnessRefusal.class,
          () -> witness.addCheckpoint(log.request(old, 20)));
      assertEquals(Reason.CONFLICT, e.reason());
      assertEquals(9, e.latestSize());
    }
    witness.addCheckpoint(log.request(9, 20));
  }

  @Test
  void olderCheckpointIsNeverCosignedAgain() throws Exception {
    witness.addCheckpoint(log.request(0, 20));
    // a rollback: the log presents an older checkpoint with the right old size
    assertEquals(Reason.MALFORMED,
        refused(witness, new AddCheckpointRequest(20, List.of(), log.signed(10))));
    assertEquals(Reason.CONFLICT, refused(witness, log.request(0, 10)));
  }

  @Test
  void everyMutatedProofHashIsRefused() throws Exception {
    witness.addCheckpoint(log.request(0, 13));
    List<Hash> proof = log.proof(13, 40);
    for (int i = 0; i < proof.size(); i++) {
      for (int bit = 0; bit < 8; bit++) {
        List<Hash> bad = new ArrayList<>(proof);
        byte[] b = bad.get(i).bytes();
        b[i % Hash.SIZE] ^= (byte) (1 << bit);
        bad.set(i, Hash.of(b));
        assertEquals(Reason.BAD_PROOF,
            refused(witness, new AddCheckpointRequest(13, bad, log.signed(40))));
      }
    }
    assertEquals(Reason.BAD_PROOF, refused(witness,
        new AddCheckpointRequest(13, proof.subList(1, proof.size()), log.signed(40))));
    List<Hash> longer = new ArrayList<>(proof);
    longer.add(proof.get(0));
    assertEquals(Reason.BAD_PROOF,
        refused(witness, new AddCheckpointRequest(13, longer, log.signed(40))));
    assertEquals(Reason.BAD_PROOF,
        refused(witness, new AddCheckpointRequest(13, List.of(), log.signed(40))));
    assertEquals(new CosignedState(13, log.root(13)), witness.latest(logKey.name()));
  }

  @Test
  void proofFromTheEmptyTreeMustBeEmpty() throws Exception {
    assertEquals(Reason.BAD_PROOF,
        refused(witness, new AddCheckpointRequest(0, log.proof(1, 5), log.signed(5))));
  }

  @Test
  void unknownOriginIsNotFound() throws Exception {
    NoteSigner other = NoteSigner.generate("other.example/log", new SecureRandom());
    assertEquals(Reason.UNKNOWN_LOG, refused(witness, new TestLog(other, "x", 3).request(0, 3)));
  }

  @Test
  void signatureByAnotherKeyOfTheSameNameIsForbidden() throws Exception {
    NoteSigner impostor = NoteSigner.generate(logKey.name(), new SecureRandom());
    assertEquals(Reason.UNTRUSTED_SIGNATURE,
        refused(witness, new TestLog(impostor, "honest", 5).request(0, 5)));
  }

  @Test
  void everyCorruptedLogSignatureByteIsRefused() throws Exception {
    byte[] note = log.signed(5);
    String text = new String(note, StandardCharsets.UTF_8);
    int sigStart = text.lastIndexOf(' ') + 1;
    int sigEnd = note.length - 1;
    for (int i = sigStart; i < sigEnd; i++) {
      byte[] bad = note.clone();
      bad[i] = (byte) (bad[i] == 'A' ? 'B' : 'A');
      if (!Arrays.equals(bad, note)) {
        Reason r = refused(witness, new AddCheckpointRequest(0, log.proof(0, 5), bad));
        assertTrue(r == Reason.UNTRUSTED_SIGNATURE || r == Reason.MALFORMED, "at " + i + ": " + r);
      }
    }
    assertEquals(CosignedState.empty(), witness.latest(logKey.name()));
  }

  @Test
  void cosignaturesAloneAreNotTheLogsSignature() throws Exception {
    String text = new Checkpoint(logKey.name(), 5, log.root(5)).format();
    byte[] onlyWitness = Note.sign(text, signer);
    assertEquals(Reason.UNTRUSTED_SIGNATURE,
        refused(witness, new AddCheckpointRequest(0, List.of(), onlyWitness)));
  }

  @Test
  void restartKeepsTheStateAndStillRefusesTheFork() throws Exception {
    witness.addCheckpoint(log.request(0, 10));
    Witness restarted = open();
    assertEquals(new CosignedState(10, log.root(10)), restarted.latest(logKey.name()));
    assertEquals(Reason.CONFLICT,
        refused(restarted, new AddCheckpointRequest(10, List.of(), fork.signed(10))));
    assertEquals(Reason.CONFLICT, refused(restarted, fork.request(0, 20)));
    restarted.addCheckpoint(log.request(10, 20));
    assertEquals(20, open().latest(logKey.name()).size());
  }

  @Test
  void stateThatDoesNotVerifyRefusesToStart() throws Exception {
    witness.addCheckpoint(log.request(0, 10));
    Path state;
    try (var files = Files.list(dir)) {
      state = files.filter(p -> p.toString().endsWith(".checkpoint")).findFirst().orElseThrow();
    }
    NoteSigner impostor = NoteSigner.generate(logKey.name(), new SecureRandom());
    Files.write(state, new TestLog(impostor, "evil", 10).signed(10));
    assertThrows(IOException.class, this::open);
    Files.write(state, Arrays.copyOf(log.signed(10), 40));
    assertThrows(IOException.class, this::open);
  }

  @Test
  void nothingIsCosignedWhenTheStateCannotBeSaved() throws Exception {
    FileStateStore files = FileStateStore.open(dir);
    boolean[] failing = {true};
    StateStore flaky = new StateStore() {
      @Override
      public Optional<SignedCheckpoint> load(NoteVerifier log) throws IOException {
        return files.load(log);
      }

      @Override
      public void save(SignedCheckpoint checkpoint) throws IOException {
        if (failing[0]) {
          throw new IOException("disk full");
        }
        files.save(checkpoint);
      }

      @Override
      public Optional<String> keepForkEvidence(SignedCheckpoint cosigned,
          SignedCheckpoint conflicting) throws IOException {
        return files.keepForkEvidence(cosigned, conflicting);
      }
    };
    Witness w = Witness.open(signer, List.of(logKey.verifier()), flaky);
    assertThrows(IOException.class, () -> w.addCheckpoint(log.request(0, 10)));
    assertEquals(CosignedState.empty(), w.latest(logKey.name()));
    assertEquals(CosignedState.empty(), open().latest(logKey.name()));
    failing[0] = false;
    w.addCheckpoint(log.request(0, 10));
    assertEquals(10, open().latest(logKey.name()).size());
  }

  @Test
  void concurrentRequestsForOneLogAreSerialised() throws Exception {
    int n = 16;
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        AddCheckpointRequest r = log.request(0, i);
        tasks.add(() -> {
          try {
            witness.addCheckpoint(r);
            return true;
          } catch (WitnessRefusal e) {
            assertEquals(Reason.CONFLICT, e.reason());
            return false;
          }
        });
      }
      int accepted = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        accepted += f.get() ? 1 : 0;
      }
      assertEquals(1, accepted);
    } finally {
      pool.shutdownNow();
    }
    long size = witness.latest(logKey.name()).size();
    assertEquals(new CosignedState(size, log.root(size)), open().latest(logKey.name()));
  }

  @Test
  void theCosignatureCoversExactlyTheCheckpointText() throws Exception {
    String line = witness.addCheckpoint(log.request(0, 3));
    byte[] other = (new String(log.signed(4), StandardCharsets.UTF_8) + line)
        .getBytes(StandardCharsets.UTF_8);
    assertThrows(Exception.class,
        () -> SignedCheckpoint.open(other, logKey.verifier(), List.of(signer.verifier()), 1));
  }
}
