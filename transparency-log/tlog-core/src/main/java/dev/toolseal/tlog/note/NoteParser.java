package dev.toolseal.tlog.note;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The strict, bounded parser and verifier behind {@link Note#open}. */
final class NoteParser {
  private static final byte[] SIG_PREFIX = "\u2014 ".getBytes(StandardCharsets.UTF_8);

  private NoteParser() {}

  static Note open(byte[] msg, Verifiers known) throws NoteException {
    if (msg.length > Note.MAX_BYTES) {
      throw new MalformedNoteException("note larger than " + Note.MAX_BYTES + " bytes", -1);
    }
    checkEncoding(msg);
    int split = lastBlankLine(msg);
    if (split < 0) {
      throw new MalformedNoteException("no blank line before the signatures", -1);
    }
    int sigStart = split + 2;
    if (sigStart == msg.length || msg[msg.length - 1] != '\n') {
      throw new MalformedNoteException("signature block empty or not newline-terminated", sigStart);
    }
    byte[] text = Arrays.copyOfRange(msg, 0, split + 1);
    List<NoteSignature> sigs = parseSignatures(msg, sigStart);
    List<NoteSignature> verified = new ArrayList<>();
    List<NoteSignature> unverified = new ArrayList<>();
    for (NoteSignature sig : sigs) {
      Optional<Verifier> v = known.find(sig.keyName(), sig.keyId());
      if (v.isEmpty()) {
        if (!unverified.contains(sig)) {
          unverified.add(sig);
        }
        continue;
      }
      if (verified.contains(sig)) {
        continue; // byte-identical to one already verified: same inputs, same result
      }
      v.get().verify(text, sig.signature());
      if (verified.stream().noneMatch(s -> s.isBy(v.get()))) {
        verified.add(sig);
      }
    }
    Note note = new Note(new String(text, StandardCharsets.UTF_8), verified, unverified);
    if (verified.isEmpty()) {
      throw new UnverifiedNoteException("no signature by a known key", note);
    }
    return note;
  }

  /** Strict UTF-8 (no overlong forms, no surrogates) and no control characters but newline. */
  private static void checkEncoding(byte[] msg) throws MalformedNoteException {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      dec.decode(ByteBuffer.wrap(msg));
    } catch (CharacterCodingException e) {
      throw new MalformedNoteException("not valid UTF-8", -1);
    }
    for (int i = 0; i < msg.length; i++) {
      if (msg[i] >= 0 && msg[i] < 0x20 && msg[i] != '\n') {
        throw new MalformedNoteException("control character", i);
      }
    }
  }

  /** Index of the first newline of the last "\n\n" in {@code msg}, or -1. */
  private static int lastBlankLine(byte[] msg) {
    for (int i = msg.length - 2; i >= 0; i--) {
      if (msg[i] == '\n' && msg[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static List<NoteSignature> parseSignatures(byte[] msg, int start)
      throws MalformedNoteException {
    int lines = 0;
    for (int i = start; i < msg.length; i++) {
      if (msg[i] == '\n' && ++lines > Note.MAX_SIGNATURES) {
        throw new MalformedNoteException("more than " + Note.MAX_SIGNATURES + " signatures", i);
      }
    }
    List<NoteSignature> sigs = new ArrayList<>(lines);
    for (int pos = start; pos < msg.length; ) {
      int end = pos;
      while (msg[end] != '\n') {
        end++;
      }
      sigs.add(parseLine(msg, pos, end));
      pos = end + 1;
    }
    return sigs;
  }

  private static NoteSignature parseLine(byte[] msg, int pos, int end)
      throws MalformedNoteException {
    if (end - pos < SIG_PREFIX.length
        || !Arrays.equals(msg, pos, pos + SIG_PREFIX.length, SIG_PREFIX, 0, SIG_PREFIX.length)) {
      throw new MalformedNoteException("signature line does not start with em dash and space", pos);
    }
    int from = pos + SIG_PREFIX.length;
    String line = new String(msg, from, end - from, StandardCharsets.UTF_8);
    int space = line.indexOf(' ');
    if (space < 0) {
      throw new MalformedNoteException("signature line has no signature", pos);
    }
    String name = line.substring(0, space);
    if (!KeyNames.isValid(name)) {
      throw new MalformedNoteException("invalid key name in signature line", pos);
    }
    byte[] raw;
    try {
      raw = StrictBase64.decode(line.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw new MalformedNoteException("signature is not canonical base64", pos);
    }
    if (raw.length < 5) {
      throw new MalformedNoteException("signature shorter than key ID plus one byte", pos);
    }
    int keyId = ByteBuffer.wrap(raw).getInt();
    return new NoteSignature(name, keyId, Arrays.copyOfRange(raw, 4, raw.length));
  }
}
