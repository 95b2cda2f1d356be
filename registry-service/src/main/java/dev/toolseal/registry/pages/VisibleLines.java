package dev.toolseal.registry.pages;

import dev.toolseal.verifier.manifest.VisibleText;
import io.quarkus.qute.TemplateData;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text prepared for a page: lines split into plain stretches and the {@code <U+XXXX>} markers
 * {@link VisibleText} writes for invisible code points, so a template can highlight the markers.
 * The page escapes every stretch; nothing here is HTML.
 *
 * @param lines the lines, in order
 * @param hiddenCount how many markers the text has
 */
@TemplateData
public record VisibleLines(List<Line> lines, int hiddenCount) {

    /** VisibleText never writes {@code <U+} except as a marker (a literal one becomes {@code <U+003C>U+}). */
    private static final Pattern MARKER = Pattern.compile("<U\\+[0-9A-F]{4,6}>");

    public VisibleLines {
        lines = List.copyOf(lines);
    }

    /**
     * Raw text: split at line feeds (shown as line breaks), each line through {@link VisibleText}.
     * Every other invisible code point, including a carriage return, becomes a marker.
     */
    public static VisibleLines of(String raw) {
        List<String> visible = new ArrayList<>();
        for (String line : raw.split("\n", -1)) {
            visible.add(VisibleText.of(line));
        }
        return build(visible);
    }

    /** Text that already went through {@link VisibleText} (such as {@code DiffRenderer} output). */
    public static VisibleLines ofRendered(String visible) {
        String text = visible.endsWith("\n") ? visible.substring(0, visible.length() - 1) : visible;
        return build(List.of(text.split("\n", -1)));
    }

    /** Whether there is anything to show. */
    public boolean hasText() {
        return lines.stream().anyMatch(l -> !l.segments().isEmpty());
    }

    /** Whether any invisible code point was found. */
    public boolean hasHidden() {
        return hiddenCount > 0;
    }

    private static VisibleLines build(List<String> visible) {
        List<Line> lines = new ArrayList<>();
        int hidden = 0;
        for (String line : visible) {
            List<Segment> segments = new ArrayList<>();
            Matcher m = MARKER.matcher(line);
            int at = 0;
            while (m.find()) {
                if (m.start() > at) {
                    segments.add(new Segment(line.substring(at, m.start()), false));
                }
                segments.add(new Segment(m.group(), true));
                hidden++;
                at = m.end();
            }
            if (at < line.length()) {
                segments.add(new Segment(line.substring(at), false));
            }
            lines.add(new Line(segments, kind(line)));
        }
        return new VisibleLines(lines, hidden);
    }

    /** A CSS class for diff lines: {@code add} and {@code del} for DiffRenderer's {@code +}/{@code -} lines. */
    private static String kind(String line) {
        String trimmed = line.stripLeading();
        if (line.startsWith("  ") && trimmed.startsWith("+ ")) {
            return "add";
        }
        if (line.startsWith("  ") && trimmed.startsWith("- ")) {
            return "del";
        }
        return "plain";
    }

    /** One line of segments. */
    @TemplateData
    public record Line(List<Segment> segments, String kind) {
        public Line {
            segments = List.copyOf(segments);
        }
    }

    /** Plain text, or one marker when {@code hidden}. */
    @TemplateData
    public record Segment(String text, boolean hidden) {
    }
}
