package dev.toolseal.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NodeIdTest {
  @Test
  void coversItsLeaves() {
    NodeId n = new NodeId(3, 5);
    assertEquals(40, n.firstLeaf());
    assertEquals(48, n.endLeaf());
    assertEquals(8, n.leafCount());
    assertEquals(new NodeId(0, 7), NodeId.leaf(7));
  }

  @Test
  void onlyNodesOfALongSizedTreeExist() {
    assertEquals(Long.MAX_VALUE, NodeId.leaf(Long.MAX_VALUE - 1).endLeaf());
    assertEquals(1L << 62, new NodeId(62, 0).endLeaf());
    assertThrows(IllegalArgumentException.class, () -> NodeId.leaf(Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> new NodeId(62, 1));
    assertThrows(IllegalArgumentException.class, () -> new NodeId(63, 0));
    assertThrows(IllegalArgumentException.class, () -> new NodeId(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> new NodeId(0, -1));
    assertThrows(IllegalArgumentException.class, () -> new NodeId(10, Long.MAX_VALUE >> 10));
    assertEquals(Long.MAX_VALUE - 1023, new NodeId(10, (Long.MAX_VALUE >> 10) - 1).endLeaf());
  }
}
