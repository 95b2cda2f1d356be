package dev.toolseal.tlog.note;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, and one or more signature lines
 * {@code — <key name> base64(key ID || signature)}. The whole note is valid UTF-8 without ASCII
 * control characters other than newline.
 *
 * <p>{@link #open} verifies every signature by a known key (one that fails is an error, never
 * skipped), keeps signatures by unknown keys as unverified, and fails unless at least one
 * signature verified. Bounds: at most {@value #MAX_BYTES} bytes and {@value #MAX_SIGNATURES}
 * signature lines.
 */
public final class Note {
  /** Largest encoded note accepted or produced: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;
  /** Most signature lines accepted or produced. */
  public static final int MAX_SIGNATURES = 100;

  private final String text;
  private final List<NoteSignature> verified;
  private final List<NoteSignature> unverified;

  Note(String text, List<NoteSignature> verified, List<NoteSignature> unverified) {
    this.text = text;
    this.verified = List.copyOf(verified);
    this.unverified = List.copyOf(unverified);
  }

  /** The signed text, including its final newline. */
  public String text() {
    return text;
  }

  /** The signed text as UTF-8 bytes: exactly the bytes the signatures cover. */
  public byte[] textBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Signatures by known keys, each verified; at most one per key. */
  public List<NoteSignature> verifiedSignatures() {
    return verified;
  }

  /** Signatures by unknown keys, not verified, without exact duplicates. */
  public List<NoteSignature> unverifiedSignatures() {
    return unverified;
  }

  /** True if a signature by {@code verifier}'s key (name and ID) verified. */
  public boolean isVerifiedBy(Verifier verifier) {
    return verified.stream().anyMatch(s -> s.isBy(verifier));
  }

  /**
   * Opens a signed note against the known keys.
   *
   * @throws MalformedNoteException if the bytes are not a well-formed note within the bounds
   * @throws AmbiguousKeyException if a signature matches more than one known key
   * @throws InvalidSignatureException if a signature by a known key does not verify
   * @throws UnverifiedNoteException if no signature by a known key is present
   */
  public static Note open(byte[] signedNote, Verifiers known) throws NoteException {
    return NoteParser.open(signedNote, Objects.requireNonNull(known, "known"));
  }

  /** Signs {@code text} with every signer; see {@link #sign(String, List)}. */
  public static byte[] sign(String text, Signer... signers) {
    return sign(text, List.of(signers));
  }

  /**
   * Encodes {@code text} signed by each signer, in order.
   *
   * @throws IllegalArgumentException if the text does not end in a newline, contains a control
   *     character other than newline or an unpaired surrogate, if there are no signers, two
   *     signers share a key name and ID, or the note would exceed the bounds
   */
  public static byte[] sign(String text, List<? extends Signer> signers) {
    checkText(text);
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("a note needs at least one signer");
    }
    return encode(text, List.of(), signers);
  }

  /**
   * Re-encodes this note with the signatures of {@code signers} added (a witness cosigning, or a
   * log re-signing). Existing signatures, verified and unverified, are kept unless a new signer
   * has the same key name and ID, in which case the new signature replaces the old one.
   */
  public byte[] addSignatures(Signer... signers) {
    if (signers.length == 0) {
      throw new IllegalArgumentException("no signers");
    }
    List<NoteSignature> kept = new ArrayList<>();
    for (List<NoteSignature> list : List.of(verified, unverified)) {
      for (NoteSignature s : list) {
        boolean replaced = false;
        for (Signer signer : signers) {
          replaced |= s.keyName().equals(signer.name()) && s.keyId() == signer.keyId();
        }
        if (!replaced) {
          kept.add(s);
        }
      }
    }
    return encode(text, kept, List.of(signers));
  }

  private static byte[] encode(String text, List<NoteSignature> kept, List<? extends Signer> signers) {
    if (kept.size() + signers.size() > MAX_SIGNATURES) {
      throw new IllegalArgumentException("more than " + MAX_SIGNATURES + " signatures");
    }
    byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
    if (textBytes.length >= MAX_BYTES) {
      throw new IllegalArgumentException("note text larger than " + MAX_BYTES + " bytes");
    }
    StringBuilder out = new StringBuilder(text).append('\n');
    kept.forEach(s -> out.append(s.line()));
    Set<String> seen = new HashSet<>();
    for (Signer signer : signers) {
      if (!seen.add(signer.name() + "+" + signer.keyId())) {
        throw new IllegalArgumentException("two signers share key " + signer.name());
      }
      out.append(new NoteSignature(signer.name(), signer.keyId(), signer.sign(textBytes)).line());
    }
    byte[] encoded = out.toString().getBytes(StandardCharsets.UTF_8);
    if (encoded.length > MAX_BYTES) {
      throw new IllegalArgumentException("signed note larger than " + MAX_BYTES + " bytes");
    }
    return encoded;
  }

  private static void checkText(String text) {
    if (text.isEmpty() || text.charAt(text.length() - 1) != '\n') {
      throw new IllegalArgumentException("note text must end with a newline");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\n') {
        throw new IllegalArgumentException("control character in note text at " + i);
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException("unpaired surrogate in note text at " + i);
      }
    }
  }

  @Override
  public String toString() {
    return "Note[" + text.length() + " chars, verified=" + verified + ", unverified=" + unverified
        + "]";
  }
}
