package dev.toolseal.registry.problem;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Test-only endpoints that fail in the ways {@link ProblemResponsesTest} checks. */
@Path("/test-probe")
public class ProblemProbeResource {

    /** A JSON body with one required integer. */
    public record Echo(int value) {
    }

    @POST
    @Path("/echo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Echo echo(Echo echo) {
        return echo;
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException(ProblemResponsesTest.SECRET);
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw new ProblemException(ProblemType.CONFLICT, "already there");
    }
}
