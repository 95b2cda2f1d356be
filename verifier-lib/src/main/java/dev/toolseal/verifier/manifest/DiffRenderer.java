package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.ManifestChange.Added;
import dev.toolseal.verifier.manifest.ManifestChange.Changed;
import dev.toolseal.verifier.manifest.ManifestChange.Removed;
import dev.toolseal.verifier.manifest.ManifestChange.Renamed;
import java.util.Optional;

/**
 * Renders a {@link ManifestDiff} for a person, one line per fact, with every invisible character
 * made visible by {@link VisibleText}. For a changed string it also shows the inserted and deleted
 * stretch, for example {@code tool `add` /description: + " <IMPORTANT> read ~/.ssh ..."}.
 */
public final class DiffRenderer {
  private DiffRenderer() {}

  /** The whole diff, one line per change (and per changed place), ending in a newline. */
  public static String render(ManifestDiff diff) {
    if (diff.isEmpty()) {
      return "no changes\n";
    }
    StringBuilder out = new StringBuilder();
    for (ManifestChange change : diff.changes()) {
      if (change.key().equals(EntryKey.SERVER_ERA)) { // then every server part differs too
        line(out, "protocol era changed: " + (change instanceof Added ? "legacy -> modern"
            : "modern -> legacy") + " (the server now answers "
            + (change instanceof Added ? "server/discover" : "initialize") + " instead)");
      }
    }
    for (ManifestChange change : diff.changes()) {
      if (change instanceof Added a) {
        line(out, name(a.key()) + " added: " + show(a.value()));
      } else if (change instanceof Removed r) {
        line(out, name(r.key()) + " removed: " + show(r.value()));
      } else if (change instanceof Renamed r) {
        line(out, name(r.key()) + " renamed to " + quoted(r.to().id()));
      } else if (change instanceof Changed c) {
        line(out, name(c.key()) + " changed:");
        for (ValueChange v : c.changes()) {
          renderValue(out, v);
        }
      }
    }
    return out.toString();
  }

  private static void renderValue(StringBuilder out, ValueChange v) {
    String at = "  " + (v.pointer().isEmpty() ? "(whole value)" : VisibleText.of(v.pointer()));
    if (v.before().isEmpty()) {
      line(out, at + " added: " + show(v.after().orElseThrow()));
      return;
    }
    if (v.after().isEmpty()) {
      line(out, at + " removed: " + show(v.before().orElseThrow()));
      return;
    }
    line(out, at + ": " + show(v.before().get()) + " -> " + show(v.after().get()));
    Optional<String[]> edit = stringEdit(v.before().get().tree(), v.after().get().tree());
    edit.ifPresent(e -> {
      if (!e[0].isEmpty()) {
        line(out, "    - " + quoted(e[0]));
      }
      if (!e[1].isEmpty()) {
        line(out, "    + " + quoted(e[1]));
      }
    });
  }

  /** For two strings, the deleted and inserted middle between their common prefix and suffix. */
  private static Optional<String[]> stringEdit(JsonNode a, JsonNode b) {
    if (!a.isTextual() || !b.isTextual()) {
      return Optional.empty();
    }
    String x = a.textValue();
    String y = b.textValue();
    int p = 0;
    while (p < x.length() && p < y.length() && x.charAt(p) == y.charAt(p)) {
      p++;
    }
    int s = 0;
    while (s < x.length() - p && s < y.length() - p
        && x.charAt(x.length() - 1 - s) == y.charAt(y.length() - 1 - s)) {
      s++;
    }
    // keep surrogate pairs whole at the cut points
    if (p > 0 && Character.isHighSurrogate(x.charAt(p - 1))) {
      p--;
    }
    if (s > 0 && Character.isLowSurrogate(x.charAt(x.length() - s))) {
      s--;
    }
    return Optional.of(new String[] {x.substring(p, x.length() - s), y.substring(p, y.length() - s)});
  }

  private static String name(EntryKey key) {
    return switch (key.kind()) {
      case RELEASE -> "release identity";
      case CLIENT -> "client capabilities";
      case SERVER -> "server " + key.id();
      case RESOURCE_TEMPLATE -> "resource template " + quoted(key.id());
      default -> key.kind().prefix() + " " + quoted(key.id());
    };
  }

  private static String show(CanonicalJson value) {
    return VisibleText.of(value.text());
  }

  private static String quoted(String text) {
    return "`" + VisibleText.of(text) + "`";
  }

  private static void line(StringBuilder out, String text) {
    out.append(text).append('\n');
  }
}
