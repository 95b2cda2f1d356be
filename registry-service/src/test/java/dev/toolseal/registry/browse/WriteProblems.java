package dev.toolseal.registry.browse;

import static org.hamcrest.Matchers.equalTo;

import dev.toolseal.registry.problem.ProblemType;
import io.restassured.response.Response;

/** Asserting problem responses. */
final class WriteProblems {

    private WriteProblems() {
    }

    static void assertProblem(Response r, int status, ProblemType type) {
        r.then().statusCode(status).contentType("application/problem+json").body("type", equalTo(type.uri().toString()));
    }
}
