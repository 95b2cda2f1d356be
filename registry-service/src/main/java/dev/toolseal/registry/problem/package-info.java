/**
 * RFC 9457 problem details: every error of the registry API is {@code application/problem+json}
 * with a stable {@code type} URI under {@code https://toolseal.dev/problems/} (see
 * {@link dev.toolseal.registry.problem.ProblemType}), a title, the status, a detail for people
 * and the request path as {@code instance}. Never class names or stack traces. Oversized bodies
 * are answered before the REST layer by {@link dev.toolseal.registry.problem.BodySizeLimit}.
 * Example: {@code ProblemResponsesTest}.
 */
package dev.toolseal.registry.problem;
