package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.KeyFormatException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * A witness as a log sees it: the URL prefix its {@code add-checkpoint} is under and its
 * cosigner key. Written {@code <url>|<vkey>}, for example
 * {@code https://witness.example/|witness.example/w1+263bc6b2+BAH7...}.
 */
public record WitnessEndpoint(URI prefix, CosignatureVerifier key) {
  public WitnessEndpoint {
    Objects.requireNonNull(key, "key");
    String scheme = Objects.requireNonNull(prefix, "prefix").getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme) || prefix.getHost() == null
        || prefix.getRawQuery() != null || prefix.getRawFragment() != null) {
      throw new IllegalArgumentException("a witness URL is http(s)://host[:port][/path]");
    }
  }

  /**
   * Parses {@code <url>|<vkey>}.
   *
   * @throws IllegalArgumentException if either half is not valid
   */
  public static WitnessEndpoint of(String s) {
    int bar = s.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("a witness is written <url>|<verifier key>");
    }
    try {
      return new WitnessEndpoint(new URI(s.substring(0, bar).strip()),
          CosignatureVerifier.parse(s.substring(bar + 1).strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the witness URL is not a URI", e);
    } catch (KeyFormatException e) {
      throw new IllegalArgumentException("the witness key is not a cosignature verifier key", e);
    }
  }

  /** The full URL of {@code add-checkpoint}. */
  public URI addCheckpoint() {
    String p = prefix.toString();
    return URI.create((p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
        + WitnessServer.ADD_CHECKPOINT);
  }

  @Override
  public String toString() {
    return prefix + "|" + key.verifierKey();
  }
}
