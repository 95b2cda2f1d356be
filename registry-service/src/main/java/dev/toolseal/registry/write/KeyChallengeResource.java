package dev.toolseal.registry.write;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code POST /v1/keys/challenge}: a nonce to put into a key-binding predicate. */
@Path("/v1/keys/challenge")
public class KeyChallengeResource {

    /** The answer: {@code nonce} (base64url) and when it expires (ISO-8601). */
    public record ChallengeView(String nonce, String expiresAt) {
    }

    private final KeyChallenges challenges;

    @Inject
    public KeyChallengeResource(KeyChallenges challenges) {
        this.challenges = challenges;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a short-lived, single-use nonce for a key-binding predicate")
    public Response issue() {
        KeyChallenges.Challenge c = challenges.issue();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(new ChallengeView(c.nonce(), c.expiresAt().toString())).cacheControl(noStore).build();
    }
}
