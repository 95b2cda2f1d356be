package dev.toolseal.verifier.manifest;

import dev.toolseal.tlog.Hash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes the checked-in digest vector for {@link SampleSession}: {@code sample-manifest.json} (the
 * canonical stored document) and {@code sample-manifest.digests} (one {@code <hex> <key>} line
 * per digest, the manifest digest first). {@link SampleManifestVectorTest} checks both.
 *
 * <p>Regenerate (only when the format changes on purpose, and say so in the commit) with
 * {@code ./mvnw -B -q -pl verifier-lib -am test -Dtest=SampleManifestVectorGenerator
 * -Dsurefire.failIfNoSpecifiedTests=false -Dtoolseal.regenerate=true}, or run {@link #main} with
 * the output directory as argument.
 */
class SampleManifestVectorGenerator {
  static final Path DIR = Path.of("src/test/resources/dev/toolseal/verifier/manifest");
  static final String DOCUMENT = "sample-manifest.json";
  static final String DIGESTS = "sample-manifest.digests";

  public static void main(String[] args) throws IOException, ManifestException {
    Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
    ToolManifest m = new SampleSession().manifest();
    Files.createDirectories(dir);
    Files.write(dir.resolve(DOCUMENT), ManifestFormat.format(m));
    Files.writeString(dir.resolve(DIGESTS), digestLines(m.digests()));
  }

  /** The text of the digests file. */
  static String digestLines(ManifestDigests digests) {
    StringBuilder out = new StringBuilder();
    out.append(digests.manifest().hex()).append(" manifest\n");
    for (Map.Entry<EntryKey, Hash> e : digests.parts().entrySet()) {
      out.append(e.getValue().hex()).append(' ').append(e.getKey()).append('\n');
    }
    return out.toString();
  }

  @Test
  @EnabledIfSystemProperty(named = "toolseal.regenerate", matches = "true")
  void regenerate() throws IOException, ManifestException {
    main(new String[0]);
  }
}
