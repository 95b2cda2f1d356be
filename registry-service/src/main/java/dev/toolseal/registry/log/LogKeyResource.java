package dev.toolseal.registry.log;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Serves the log's public verifier key. */
@Path("/log/key")
public class LogKeyResource {

    private final LogSigningKey key;

    @Inject
    public LogKeyResource(LogSigningKey key) {
        this.key = key;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The log's C2SP note verifier key", description = "One line: name+keyid+base64(0x01 || Ed25519 public key).")
    public String verifierKey() {
        return key.verifierKey() + "\n";
    }
}
