package dev.toolseal.tlog.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.tiles.EntryBundle;
import dev.toolseal.tlog.tiles.TileId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The engine end to end over {@link MemoryLogStore}. */
class LogTest {
  private static final LogOptions FAST =
      LogOptions.defaults().withMaxWait(Duration.ofMillis(2)).withIntegrationBatch(100);

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void concurrentAppendsGetDistinctIndexesAndEndUpProvablyInTheTree() throws Exception {
    MemoryLogStore store = new MemoryLogStore();
    Map<Long, String> byIndex = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (Log log = Log.start(store, TestLogKey.signer(), FAST)) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < 60; i++) {
            String e = "t" + thread + "-" + i;
            long index = log.append(bytes(e)).get(30, TimeUnit.SECONDS);
            if (byIndex.put(index, e) != null) {
              throw new AssertionError("index " + index + " given twice");
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      assertEquals(480, byIndex.size());
      PublishedCheckpoint cp = log.awaitIntegrated(479).get(30, TimeUnit.SECONDS);
      assertEquals(480, cp.size());
      SignedCheckpoint.open(cp.note(), TestLogKey.verifier());
      for (long i = 0; i < 480; i++) {
        byte[] entry = bytes(byIndex.get(i));
        assertArrayEquals(entry, store.readLeaves(i, 1).get(0).entry());
        MerkleTree.verifyInclusion(Rfc6962.leafHash(entry), i, cp.size(),
            log.reader().inclusionProof(i, cp.size()), cp.root());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void entriesOverTheBundleLimitAreRejectedBeforeQueueing() throws Exception {
    MemoryLogStore store = new MemoryLogStore();
    try (Log log = Log.start(store, TestLogKey.signer(), FAST)) {
      assertThrows(IllegalArgumentException.class, () -> log.append(new byte[65536]));
      byte[] largest = new byte[65535];
      largest[65534] = 7;
      long index = log.append(largest).get(30, TimeUnit.SECONDS);
      assertEquals(0, index, "the rejected entry took no index");
      log.awaitIntegrated(0).get(30, TimeUnit.SECONDS);
      byte[] bundle = log.reader().entryBundle(new TileId(0, 0, 1)).orElseThrow();
      assertArrayEquals(largest, EntryBundle.decode(bundle, 1).get(0));
    }
  }

  @Test
  void closeSequencesWhatIsQueuedAndRefusesMore() throws Exception {
    MemoryLogStore store = new MemoryLogStore();
    LogOptions slow = LogOptions.defaults().withMaxWait(Duration.ofSeconds(60));
    Log log = Log.start(store, TestLogKey.signer(), slow);
    CompletableFuture<Long> queued = log.append(bytes("queued"));
    CompletableFuture<PublishedCheckpoint> integrated = log.awaitIntegrated(0);
    CompletableFuture<PublishedCheckpoint> never = log.awaitIntegrated(1);
    log.close();
    assertEquals(0L, queued.get(30, TimeUnit.SECONDS));
    assertEquals(1, store.sequencedSize());
    assertEquals(1, integrated.get(30, TimeUnit.SECONDS).size(), "close integrates the rest");
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> never.get(30, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertThrows(IllegalStateException.class, () -> log.append(bytes("late")));
  }

  @Test
  void aStoreFailureFailsTheWholeBatchAndNothingIsAcknowledged() throws Exception {
    LogStore failing = new BlockingStore(new MemoryLogStore()) {
      @Override
      public long sequence(List<Leaf> leaves) throws IOException {
        throw new IOException("disk full");
      }
    };
    try (Log log = Log.start(failing, TestLogKey.signer(), FAST)) {
      CompletableFuture<Long> f = log.append(bytes("lost"));
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
      assertInstanceOf(IOException.class, e.getCause());
      assertEquals(0, failing.sequencedSize());
    }
  }

  @Test
  void integrateOnceDoesNothingWhenEverythingIsCovered() throws Exception {
    MemoryLogStore store = new MemoryLogStore();
    Integrator integrator = new Integrator(store, TestLogKey.signer(), FAST);
    assertTrue(integrator.integrateOnce().isEmpty());
    store.sequence(List.of(Leaf.of(bytes("a")), Leaf.of(bytes("b"))));
    CompletableFuture<PublishedCheckpoint> waiting = integrator.awaitIntegrated(1);
    assertEquals(2, integrator.integrateOnce().orElseThrow().size());
    assertEquals(2, waiting.get(30, TimeUnit.SECONDS).size());
    assertTrue(integrator.integrateOnce().isEmpty());
    assertEquals(1, store.checkpoints(0, 10).size());
  }
}
