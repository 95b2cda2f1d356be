package dev.toolseal.verifier.bundle;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.sigstore.proto.bundle.v1.Bundle;
import dev.sigstore.proto.bundle.v1.VerificationMaterial;
import dev.sigstore.proto.common.v1.LogId;
import dev.sigstore.proto.common.v1.PublicKeyIdentifier;
import dev.sigstore.proto.rekor.v1.Checkpoint;
import dev.sigstore.proto.rekor.v1.InclusionProof;
import dev.sigstore.proto.rekor.v1.KindVersion;
import dev.sigstore.proto.rekor.v1.TransparencyLogEntry;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.DsseSignature;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.EnvelopeFormatException;
import dev.toolseal.verifier.keys.KeyFormatException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.LogLeafFormatException;
import io.intoto.EnvelopeOuterClass;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes an {@link OfflineBundle} as Sigstore bundle v0.3 JSON (the protobuf-specs
 * {@code Bundle} message in proto3 JSON form), see docs/design/verification.md:
 *
 * <pre>{"mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
 *  "verificationMaterial": {"publicKey": {"hint": key id hex},
 *    "tlogEntries": [{"logIndex": "7", "logId": {"keyId": base64 LogId},
 *      "kindVersion": {"kind": "toolseal-release", "version": "0.1"},
 *      "inclusionProof": {"logIndex": "7", "rootHash": b64, "treeSize": "9", "hashes": [b64],
 *        "checkpoint": {"envelope": signed checkpoint note}},
 *      "canonicalizedBody": b64 log leaf}]},
 *  "dsseEnvelope": {"payload": b64, "payloadType": str,
 *    "signatures": [{"sig": b64, "keyid": hex}]}}</pre>
 *
 * Reading is strict: at most {@link #MAX_BYTES} of UTF-8 JSON without duplicate keys or unknown
 * fields, exactly one spelling per value (what {@link #write} produces, up to whitespace and
 * member order: 64-bit integers as strings, standard padded base64, default values omitted), and
 * every field checked for ToolSeal's use: no certificates, timestamps, inclusion promises or
 * integrated time; exactly one log entry whose leaf describes the envelope.
 */
public final class BundleFormat {
  public static final String MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
  /** {@code kindVersion.kind} is this prefix plus the leaf kind, e.g. {@code toolseal-review}. */
  public static final String KIND_PREFIX = "toolseal-";
  public static final String KIND_VERSION = "0.1";
  /** A 4 MiB envelope grows by a third in base64, plus the proof and checkpoint. */
  public static final int MAX_BYTES = 8 * 1024 * 1024;
  private static final String ENTRY = "verificationMaterial.tlogEntries[0]";
  private static final String PROOF = ENTRY + ".inclusionProof";
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private BundleFormat() {}

  /** The bundle's JSON bytes. */
  public static byte[] write(OfflineBundle b) {
    try {
      return JsonFormat.printer().print(toProto(b)).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a bundle message did not print", e);
    }
  }

  /** The protobuf message of {@code b}. */
  public static Bundle toProto(OfflineBundle b) {
    EntryProof p = b.proof();
    InclusionProof.Builder proof = InclusionProof.newBuilder()
        .setLogIndex(p.index())
        .setRootHash(ByteString.copyFrom(p.rootHash().bytes()))
        .setTreeSize(p.treeSize())
        .setCheckpoint(Checkpoint.newBuilder()
            .setEnvelope(new String(p.checkpoint(), StandardCharsets.UTF_8)));
    p.hashes().forEach(h -> proof.addHashes(ByteString.copyFrom(h.bytes())));
    TransparencyLogEntry entry = TransparencyLogEntry.newBuilder()
        .setLogIndex(p.index())
        .setLogId(LogId.newBuilder().setKeyId(ByteString.copyFrom(p.logId().hash().bytes())))
        .setKindVersion(KindVersion.newBuilder()
            .setKind(KIND_PREFIX + b.leaf().kind().wireName()).setVersion(KIND_VERSION))
        .setInclusionProof(proof)
        .setCanonicalizedBody(ByteString.copyFrom(b.leaf().format()))
        .build();
    EnvelopeOuterClass.Envelope.Builder env = EnvelopeOuterClass.Envelope.newBuilder()
        .setPayload(ByteString.copyFrom(b.envelope().payload()))
        .setPayloadType(b.envelope().payloadType());
    for (DsseSignature s : b.envelope().signatures()) {
      env.addSignatures(EnvelopeOuterClass.Signature.newBuilder()
          .setKeyid(s.keyId().hex()).setSig(ByteString.copyFrom(s.sig())));
    }
    return Bundle.newBuilder()
        .setMediaType(MEDIA_TYPE)
        .setVerificationMaterial(VerificationMaterial.newBuilder()
            .setPublicKey(PublicKeyIdentifier.newBuilder().setHint(b.keyHint().hex()))
            .addTlogEntries(entry))
        .setDsseEnvelope(env)
        .build();
  }

  /** Reads bundle JSON strictly; see the class comment. */
  public static OfflineBundle read(byte[] json) throws BundleException {
    if (json.length > MAX_BYTES) {
      throw new BundleException("", "larger than " + MAX_BYTES + " bytes");
    }
    String text = utf8(json);
    JsonNode given = tree(text);
    Bundle.Builder builder = Bundle.newBuilder();
    try {
      JsonFormat.parser().merge(text, builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new BundleException("", "not a Sigstore bundle: " + e.getMessage());
    }
    Bundle bundle = builder.build();
    String again;
    try {
      again = JsonFormat.printer().print(bundle);
    } catch (InvalidProtocolBufferException e) {
      throw new BundleException("", "bundle does not print");
    }
    if (!tree(again).equals(given)) {
      throw new BundleException("", "not in canonical form (spelling, defaults or numbers)");
    }
    return fromProto(bundle);
  }

  /** Checks a bundle message field by field and builds the bundle. */
  public static OfflineBundle fromProto(Bundle b) throws BundleException {
    require(b.getMediaType().equals(MEDIA_TYPE), "mediaType", "must be " + MEDIA_TYPE);
    require(b.hasVerificationMaterial(), "verificationMaterial", "missing");
    VerificationMaterial vm = b.getVerificationMaterial();
    require(vm.getContentCase() == VerificationMaterial.ContentCase.PUBLIC_KEY,
        "verificationMaterial.publicKey", "a public key hint is required (no certificates)");
    KeyId hint = keyId(vm.getPublicKey().getHint(), "verificationMaterial.publicKey.hint");
    require(!vm.hasTimestampVerificationData(),
        "verificationMaterial.timestampVerificationData", "not used by ToolSeal");
    require(vm.getTlogEntriesCount() == 1, "verificationMaterial.tlogEntries",
        "exactly one entry");
    require(b.getContentCase() == Bundle.ContentCase.DSSE_ENVELOPE, "dsseEnvelope",
        "a DSSE envelope is required");
    TransparencyLogEntry e = vm.getTlogEntries(0);
    require(!e.hasInclusionPromise(), ENTRY + ".inclusionPromise", "not used by ToolSeal");
    require(e.getIntegratedTime() == 0, ENTRY + ".integratedTime", "not used by ToolSeal");
    require(e.hasLogId() && e.getLogId().getKeyId().size() == Hash.SIZE, ENTRY + ".logId.keyId",
        "must be " + Hash.SIZE + " bytes");
    LogLeaf leaf;
    try {
      leaf = LogLeaf.parse(e.getCanonicalizedBody().toByteArray());
    } catch (LogLeafFormatException ex) {
      throw new BundleException(ENTRY + ".canonicalizedBody", ex.getMessage());
    }
    require(e.hasKindVersion(), ENTRY + ".kindVersion", "missing");
    require(e.getKindVersion().getKind().equals(KIND_PREFIX + leaf.kind().wireName()),
        ENTRY + ".kindVersion.kind", "must be " + KIND_PREFIX + leaf.kind().wireName());
    require(e.getKindVersion().getVersion().equals(KIND_VERSION),
        ENTRY + ".kindVersion.version", "must be " + KIND_VERSION);
    require(hint.equals(leaf.keyId()), "verificationMaterial.publicKey.hint",
        "must be the key id the entry was logged on");
    EntryProof proof = proof(e);
    return OfflineBundle.of(envelope(b.getDsseEnvelope()), leaf, proof);
  }

  private static EntryProof proof(TransparencyLogEntry e) throws BundleException {
    require(e.hasInclusionProof(), PROOF, "missing");
    InclusionProof p = e.getInclusionProof();
    require(e.getLogIndex() >= 0, ENTRY + ".logIndex", "negative");
    require(p.getLogIndex() == e.getLogIndex(), PROOF + ".logIndex", "differs from the entry's");
    require(p.getTreeSize() > p.getLogIndex(), PROOF + ".treeSize", "must exceed the index");
    require(p.getHashesCount() <= dev.toolseal.tlog.proof.TlogProof.MAX_PROOF_HASHES,
        PROOF + ".hashes", "too many");
    List<Hash> hashes = new ArrayList<>();
    for (int i = 0; i < p.getHashesCount(); i++) {
      hashes.add(hash(p.getHashes(i), PROOF + ".hashes[" + i + "]"));
    }
    Hash root = hash(p.getRootHash(), PROOF + ".rootHash");
    require(p.hasCheckpoint() && !p.getCheckpoint().getEnvelope().isEmpty(),
        PROOF + ".checkpoint.envelope", "missing");
    byte[] note = p.getCheckpoint().getEnvelope().getBytes(StandardCharsets.UTF_8);
    var text = EntryProof.checkpointText(note);
    require(text.isPresent(), PROOF + ".checkpoint.envelope", "not a signed checkpoint note");
    require(text.get().size() == p.getTreeSize(), PROOF + ".treeSize",
        "differs from the checkpoint's size");
    require(text.get().root().equals(root), PROOF + ".rootHash",
        "differs from the checkpoint's root");
    try {
      return new EntryProof(new dev.toolseal.verifier.log.LogId(
          Hash.of(e.getLogId().getKeyId().toByteArray())), p.getLogIndex(), p.getTreeSize(),
          root, hashes, note);
    } catch (IllegalArgumentException ex) {
      throw new BundleException(PROOF, ex.getMessage());
    }
  }

  private static Envelope envelope(EnvelopeOuterClass.Envelope env) throws BundleException {
    List<DsseSignature> sigs = new ArrayList<>();
    for (int i = 0; i < env.getSignaturesCount(); i++) {
      EnvelopeOuterClass.Signature s = env.getSignatures(i);
      String field = "dsseEnvelope.signatures[" + i + "]";
      try {
        sigs.add(new DsseSignature(keyId(s.getKeyid(), field + ".keyid"),
            s.getSig().toByteArray()));
      } catch (IllegalArgumentException ex) {
        throw new BundleException(field + ".sig", ex.getMessage());
      }
    }
    try {
      return Envelope.of(env.getPayloadType(), env.getPayload().toByteArray(), sigs);
    } catch (EnvelopeFormatException ex) {
      throw new BundleException("dsseEnvelope", ex.getMessage());
    }
  }

  private static KeyId keyId(String hex, String field) throws BundleException {
    try {
      return KeyId.parse(hex);
    } catch (KeyFormatException ex) {
      throw new BundleException(field, "not a key id (64 lowercase hex digits)");
    }
  }

  private static Hash hash(ByteString b, String field) throws BundleException {
    require(b.size() == Hash.SIZE, field, "must be " + Hash.SIZE + " bytes");
    return Hash.of(b.toByteArray());
  }

  private static void require(boolean ok, String field, String message)
      throws BundleException {
    if (!ok) {
      throw new BundleException(field, message);
    }
  }

  private static String utf8(byte[] bytes) throws BundleException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new BundleException("", "not UTF-8");
    }
  }

  private static JsonNode tree(String text) throws BundleException {
    try (JsonParser p = JSON.createParser(text)) {
      JsonNode n = JSON.readTree(p);
      if (n == null || !n.isObject() || p.nextToken() != null) {
        throw new BundleException("", "not one JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new BundleException("", "not strict JSON");
    }
  }
}
