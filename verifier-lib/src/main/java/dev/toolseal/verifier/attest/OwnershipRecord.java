package dev.toolseal.verifier.attest;

import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.VerificationKey;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ownership record a domain publishes for a key, in the official MCP registry's format:
 * {@code v=MCPv1; k=ed25519; p=<standard padded base64 of the raw 32-byte Ed25519 key>}, as a DNS
 * TXT record on the domain ({@code dns} proofs) or as the body of {@code
 * https://<domain>/.well-known/mcp-registry-auth} ({@code http} proofs). See {@link Ownership}.
 *
 * <p>The parser is strict: the three fields in that order, each {@code ;} optionally followed by
 * spaces, nothing else, at most {@value #MAX_CHARS} characters, and a key of exactly 32 bytes in
 * canonical base64.
 */
public final class OwnershipRecord {
  /** Longest accepted record, in characters. */
  public static final int MAX_CHARS = 256;

  private static final Pattern RECORD =
      Pattern.compile("v=MCPv1; *k=([a-z0-9]{1,16}); *p=([A-Za-z0-9+/]{43}=)");
  private static final int RAW_KEY_BYTES = 32;
  private static final int ED25519_SPKI_BYTES = 44;

  private final byte[] rawKey;

  private OwnershipRecord(byte[] rawKey) {
    this.rawKey = rawKey.clone();
  }

  /** The record for {@code key}; only Ed25519 keys have one. */
  public static OwnershipRecord of(VerificationKey key) {
    if (key.algorithm() != KeyAlgorithm.ED25519) {
      throw new IllegalArgumentException(
          "only Ed25519 keys have an MCPv1 record; prove a P-256 key with github-oidc");
    }
    byte[] spki = key.spki();
    if (spki.length != ED25519_SPKI_BYTES) {
      throw new IllegalStateException("an Ed25519 SubjectPublicKeyInfo is 44 bytes");
    }
    byte[] raw = new byte[RAW_KEY_BYTES];
    System.arraycopy(spki, ED25519_SPKI_BYTES - RAW_KEY_BYTES, raw, 0, RAW_KEY_BYTES);
    return new OwnershipRecord(raw);
  }

  /**
   * Reads one record.
   *
   * @throws OwnershipRecordException if {@code text} is not exactly an MCPv1 Ed25519 record
   */
  public static OwnershipRecord parse(String text) throws OwnershipRecordException {
    if (text == null || text.length() > MAX_CHARS) {
      throw new OwnershipRecordException("longer than " + MAX_CHARS + " characters");
    }
    Matcher m = RECORD.matcher(text);
    if (!m.matches()) {
      throw new OwnershipRecordException("not a \"v=MCPv1; k=ed25519; p=<base64>\" record");
    }
    if (!m.group(1).equals("ed25519")) {
      throw new OwnershipRecordException("key kind " + m.group(1) + " is not ed25519");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      throw new OwnershipRecordException("p is not base64");
    }
    if (raw.length != RAW_KEY_BYTES
        || !Base64.getEncoder().encodeToString(raw).equals(m.group(2))) {
      throw new OwnershipRecordException("p is not a canonical 32-byte key");
    }
    return new OwnershipRecord(raw);
  }

  /** Whether this record names {@code key}. */
  public boolean names(VerificationKey key) {
    if (key.algorithm() != KeyAlgorithm.ED25519) {
      return false;
    }
    return MessageDigest.isEqual(rawKey, of(key).rawKey);
  }

  /** The record line, exactly as a TXT record or well-known file holds it. */
  @Override
  public String toString() {
    return "v=MCPv1; k=ed25519; p=" + Base64.getEncoder().encodeToString(rawKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OwnershipRecord r && MessageDigest.isEqual(rawKey, r.rawKey);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(rawKey);
  }
}
