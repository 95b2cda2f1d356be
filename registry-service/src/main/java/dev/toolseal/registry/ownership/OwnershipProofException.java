package dev.toolseal.registry.ownership;

import dev.toolseal.registry.problem.Problem;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.verifier.attest.Ownership;

/** An ownership proof that does not hold; the detail is safe to show the client. */
public final class OwnershipProofException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Ownership.Method method;
    private final ProofFailure failure;

    public OwnershipProofException(Ownership.Method method, ProofFailure failure, String detail) {
        super(detail);
        this.method = method;
        this.failure = failure;
    }

    /** The proof method that failed. */
    public Ownership.Method method() {
        return method;
    }

    /** What failed. */
    public ProofFailure failure() {
        return failure;
    }

    /** The {@code ownership-proof-failed} problem the client gets. */
    public ProblemException toProblem() {
        return new ProblemException(ProblemType.OWNERSHIP_PROOF_FAILED,
                "The " + method.wireName() + " ownership proof failed: " + getMessage(),
                new Problem.Proof(method.wireName(), failure.wireName()));
    }
}
