package dev.toolseal.registry.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VisibleLinesTest {

    private static List<VisibleLines.Segment> segments(VisibleLines text, int line) {
        return text.lines().get(line).segments();
    }

    @Test
    void invisibleCharactersBecomeMarkedSegments() {
        VisibleLines text = VisibleLines.of("a\u200Eb\uDB40\uDC01");
        assertEquals(List.of(new VisibleLines.Segment("a", false), new VisibleLines.Segment("<U+200E>", true),
                new VisibleLines.Segment("b", false), new VisibleLines.Segment("<U+E0001>", true)), segments(text, 0));
        assertEquals(2, text.hiddenCount());
    }

    @Test
    void aLiteralMarkerCannotPoseAsOne() {
        VisibleLines text = VisibleLines.of("x<U+200E>");
        assertEquals(List.of(new VisibleLines.Segment("x", false), new VisibleLines.Segment("<U+003C>", true),
                new VisibleLines.Segment("U+200E>", false)), segments(text, 0));
    }

    @Test
    void lineFeedsSplitLinesAndCarriageReturnsAreMarked() {
        VisibleLines text = VisibleLines.of("one\r\ntwo\n");
        assertEquals(3, text.lines().size());
        assertEquals(new VisibleLines.Segment("<U+000D>", true), segments(text, 0).get(1));
        assertTrue(text.lines().get(2).segments().isEmpty());
        assertFalse(VisibleLines.of("").hasText());
        assertTrue(VisibleLines.of("x").hasText());
    }

    @Test
    void renderedTextIsNotEscapedTwiceAndDiffLinesAreClassified() {
        VisibleLines text = VisibleLines.ofRendered("tool `a` changed:\n  /description: \"x\" -> \"x<U+200E>\"\n    + \"<U+200E>\"\n    - \"y\"\n");
        assertEquals(4, text.lines().size());
        assertEquals(List.of("plain", "plain", "add", "del"), text.lines().stream().map(VisibleLines.Line::kind).toList());
        assertEquals(2, text.hiddenCount());
    }
}
