package dev.toolseal.tlog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake {@link HashReader} over an in-memory list of leaf hashes: every level of complete
 * subtrees precomputed level by level. Counts calls so tests can check batching.
 */
public final class MemoryHashReader implements HashReader {
  private final List<List<Hash>> levels = new ArrayList<>();
  private int calls;
  private int nodesRead;

  public MemoryHashReader(List<Hash> leafHashes) {
    levels.add(List.copyOf(leafHashes));
    while (levels.get(levels.size() - 1).size() > 1) {
      List<Hash> below = levels.get(levels.size() - 1);
      List<Hash> up = new ArrayList<>(below.size() / 2);
      for (int i = 0; i + 1 < below.size(); i += 2) {
        up.add(Rfc6962.nodeHash(below.get(i), below.get(i + 1)));
      }
      levels.add(up);
    }
  }

  @Override
  public List<Hash> readHashes(List<NodeId> ids) throws IOException {
    calls++;
    nodesRead += ids.size();
    List<Hash> out = new ArrayList<>(ids.size());
    for (NodeId id : ids) {
      if (id.level() >= levels.size() || id.index() >= levels.get(id.level()).size()) {
        throw new IOException("no node " + id);
      }
      out.add(levels.get(id.level()).get((int) id.index()));
    }
    return out;
  }

  public int calls() {
    return calls;
  }

  public int nodesRead() {
    return nodesRead;
  }
}
