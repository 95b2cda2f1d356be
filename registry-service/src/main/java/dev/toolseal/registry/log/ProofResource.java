package dev.toolseal.registry.log;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Inclusion and consistency proofs as JSON, for clients that do not read tiles themselves. */
@Path("/v1/log/proof")
@Produces(MediaType.APPLICATION_JSON)
public class ProofResource {

    private final LogReadService service;

    @Inject
    public ProofResource(LogReadService service) {
        this.service = service;
    }

    @GET
    @Path("/inclusion")
    @Operation(summary = "RFC 9162 inclusion proof of entry index in the tree of size entries")
    public ProofResponse.Inclusion inclusion(@QueryParam("index") String index, @QueryParam("size") String size) {
        return service.inclusionProof(number("index", index), number("size", size));
    }

    @GET
    @Path("/consistency")
    @Operation(summary = "RFC 9162 consistency proof between the trees of from and to entries")
    public ProofResponse.Consistency consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        return service.consistencyProof(number("from", from), number("to", to));
    }

    /** A required non-negative decimal without sign or leading zeros, at most 18 digits. */
    private static long number(String name, String value) {
        if (value == null || value.isEmpty() || value.length() > 18
                || !value.chars().allMatch(c -> c >= '0' && c <= '9') || (value.length() > 1 && value.charAt(0) == '0')) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER,
                    "Query parameter " + name + " must be a non-negative decimal number.");
        }
        return Long.parseLong(value);
    }
}
