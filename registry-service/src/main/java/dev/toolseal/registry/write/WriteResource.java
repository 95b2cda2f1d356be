package dev.toolseal.registry.write;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.registry.log.EntryProofs;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseYank;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.log.LogLeaf;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The write API: each endpoint takes one DSSE envelope (JSON) carrying an in-toto statement of one
 * predicate type, authenticated by its signatures alone. 201 with a {@link Receipt} and a Location
 * of the log entry; {@code ?wait=true} waits for a checkpoint and adds the inclusion proof.
 */
@Path("/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class WriteResource {

    private final KeyWrites keys;
    private final ReleaseWrites releases;
    private final EntryProofs proofs;
    private final WriteMetrics metrics;
    private final Duration integrationTimeout;

    @Inject
    public WriteResource(KeyWrites keys, ReleaseWrites releases, EntryProofs proofs, WriteMetrics metrics,
            RegistryConfig config) {
        this.keys = keys;
        this.releases = releases;
        this.proofs = proofs;
        this.metrics = metrics;
        this.integrationTimeout = config.write().integrationTimeout();
    }

    @POST
    @Path("/keys/bind")
    @Operation(summary = "Bind a key to a free namespace (key-binding envelope signed by that key)")
    public Response bind(byte[] body, @QueryParam("wait") boolean wait) {
        return committed("key-binding", body, KeyBinding.PREDICATE_TYPE, wait, keys::bind);
    }

    @POST
    @Path("/keys/rotate")
    @Operation(summary = "Replace a namespace's current key (key-rotation envelope signed by the old and the new key)")
    public Response rotate(byte[] body, @QueryParam("wait") boolean wait) {
        return committed("key-rotation", body, KeyRotation.PREDICATE_TYPE, wait, keys::rotate);
    }

    @POST
    @Path("/keys/revoke")
    @Operation(summary = "Revoke a key (signed by the namespace's current key or the revoked key)")
    public Response revoke(byte[] body, @QueryParam("wait") boolean wait) {
        return committed("key-revocation", body, KeyRevocation.PREDICATE_TYPE, wait, keys::revoke);
    }

    @POST
    @Path("/releases")
    @Operation(summary = "Publish a release (signed by the namespace's current key); 200 if identical content exists")
    public Response release(byte[] body, @QueryParam("wait") boolean wait) {
        String kind = "release";
        try {
            ReleaseWrites.Outcome o = releases.release(Submission.parse(body, Release.PREDICATE_TYPE));
            Receipt receipt = new Receipt(o.kind(), o.name(), o.version(), o.keyId().hex(), o.envelopeDigest().hex(),
                    o.logIndex(), o.created() ? "created" : "existing", null);
            if (o.created()) {
                metrics.accepted(kind);
            }
            return respond(receipt, wait, o.created());
        } catch (ProblemException p) {
            metrics.rejected(kind, p.type());
            throw p;
        }
    }

    @POST
    @Path("/reviews")
    @Operation(summary = "Publish a review of a published release (signed by a registered assessor key)")
    public Response review(byte[] body, @QueryParam("wait") boolean wait) {
        return committed("review", body, Review.PREDICATE_TYPE, wait, releases::review);
    }

    @POST
    @Path("/yanks")
    @Operation(summary = "Yank a published release (signed by the namespace's current key)")
    public Response yank(byte[] body, @QueryParam("wait") boolean wait) {
        return committed("release-yank", body, ReleaseYank.PREDICATE_TYPE, wait, releases::yank);
    }

    private Response committed(String kind, byte[] body, String predicateType, boolean wait,
            Function<Submission, EntryCommitter.Committed> write) {
        try {
            EntryCommitter.Committed c = write.apply(Submission.parse(body, predicateType));
            LogLeaf leaf = c.leaf();
            metrics.accepted(kind);
            return respond(new Receipt(leaf.kind().wireName(), leaf.name(), leaf.version(), leaf.keyId().hex(),
                    leaf.envelopeDigest().hex(), c.logIndex(), "created", null), wait, true);
        } catch (ProblemException p) {
            metrics.rejected(kind, p.type());
            throw p;
        }
    }

    private Response respond(Receipt receipt, boolean wait, boolean created) {
        Receipt body = receipt;
        if (wait) {
            body = proofs.awaitProof(receipt.logIndex(), integrationTimeout).map(InclusionView::of)
                    .map(receipt::withInclusion).orElse(receipt);
        }
        URI location = URI.create("/v1/log/entries/" + receipt.logIndex());
        return (created ? Response.created(location) : Response.ok().location(location)).entity(body).build();
    }
}
