package dev.toolseal.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.registry.write.Signed;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.LogTrust;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.registry.Receipt;
import dev.toolseal.verifier.registry.RegistryClient;
import dev.toolseal.verifier.registry.RegistryEvidence;
import dev.toolseal.verifier.registry.RegistryProblemException;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseVerifier;
import dev.toolseal.verifier.verification.VerificationPolicy;
import dev.toolseal.verifier.verification.VerifiedRelease;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** verifier-lib's {@link RegistryClient} against the real registry: writes, evidence, proofs, problems. */
@QuarkusTest
class RegistryClientTest {

    @TestHTTPResource("/")
    URL url;

    private RegistryClient client() throws Exception {
        return new RegistryClient(URI.create(url.toString()), Duration.ofSeconds(30));
    }

    private static Envelope binding(RegistryClient client, SigningKey key, String namespace) throws Exception {
        return Signed.binding(key, namespace, Optional.of(client.challenge()));
    }

    @Test
    void publishedEvidenceVerifiesAndALaterCheckpointIsProvenConsistent() throws Exception {
        RegistryClient client = client();
        SigningKey publisher = KeyPairs.generate();
        SigningKey assessor = KeyPairs.generate();
        String namespace = Signed.freshNamespace();
        String server = namespace + "/weather";
        Receipt bound = client.submit("/v1/keys/bind", binding(client, publisher, namespace).toJson());
        assertEquals("key-binding", bound.kind());
        assertEquals(publisher.keyId().hex(), bound.keyId());
        client.submit("/v1/keys/bind", binding(client, assessor, "assessor:" + namespace).toJson());
        Envelope release = Signed.release(publisher, server, "1.0.0", "Forecasts.");
        Receipt published = client.submit("/v1/releases", release.toJson());
        assertEquals("created", published.status());
        assertEquals(release.envelopeDigest().hex(), published.envelopeDigest());
        client.submit("/v1/reviews", Signed.review(assessor, release, Review.Result.PASSED).toJson());

        VerificationPolicy policy = VerificationPolicy.builder(LogTrust.of(NoteVerifier.parse(client.logKey())))
                .publisherKeysFromLog().acceptUnprovenBindings()
                .requireReviews(1, List.of(assessor.verificationKey())).build();
        RegistryEvidence source = new RegistryEvidence(client);
        ServerRef ref = new ServerRef(server, "1.0.0");
        ReleaseEvidence first = source.evidenceFor(ref);
        assertEquals(1, first.reviews().size());
        assertEquals(1, first.keyEvents().size());
        MemoryCheckpointStore store = new MemoryCheckpointStore();
        VerifiedRelease verified = ReleaseVerifier.verifyRelease(ref, first, policy, store);
        assertEquals(published.logIndex(), verified.logIndex());
        long seen = first.release().proof().treeSize();

        // the log grows; the next evidence is proven consistent with the stored checkpoint through the registry
        String other = Signed.freshNamespace();
        client.submit("/v1/keys/bind", binding(client, KeyPairs.generate(), other).toJson());
        ReleaseEvidence later = awaitLarger(source, ref, seen);
        ReleaseVerifier.verifyRelease(ref, later, policy, store);
        assertTrue(later.release().proof().treeSize() > seen);
    }

    private static ReleaseEvidence awaitLarger(RegistryEvidence source, ServerRef ref, long size) throws Exception {
        for (int i = 0; i < 200; i++) {
            ReleaseEvidence e = source.evidenceFor(ref);
            if (e.release().proof().treeSize() > size) {
                return e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the log never grew past " + size);
    }

    @Test
    void problemsCarryTheirStableType() throws Exception {
        RegistryClient client = client();
        SigningKey key = KeyPairs.generate();
        String namespace = Signed.freshNamespace();
        Envelope b = binding(client, key, namespace);
        client.submit("/v1/keys/bind", b.toJson());
        RegistryProblemException replay = assertThrows(RegistryProblemException.class,
                () -> client.submit("/v1/keys/bind", b.toJson()));
        assertEquals(409, replay.status());
        assertEquals(Optional.of("replay"), replay.slug());
        SigningKey fresh = KeyPairs.generate();
        byte[] unchallenged = Signed.sign(new KeyBinding(Signed.freshNamespace(), fresh.verificationKey())
                .toStatement(), fresh).toJson();
        RegistryProblemException noNonce = assertThrows(RegistryProblemException.class,
                () -> client.submit("/v1/keys/bind", unchallenged));
        assertEquals(Optional.of("challenge-required"), noNonce.slug());
        RegistryProblemException missing = assertThrows(RegistryProblemException.class,
                () -> new RegistryEvidence(client).evidenceFor(new ServerRef(namespace + "/nothing", "1.0.0")));
        assertEquals(404, missing.status());
        assertEquals(Optional.of("not-found"), missing.slug());
    }
}
