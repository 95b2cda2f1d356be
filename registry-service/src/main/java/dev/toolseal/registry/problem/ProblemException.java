package dev.toolseal.registry.problem;

/**
 * Thrown by services and resources to answer with a specific problem. The detail must be safe to
 * show to the client.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;
    private final transient Problem.Proof proof;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    /** A problem about an ownership proof; {@code proof} becomes the problem's {@code proof} member. */
    public ProblemException(ProblemType type, String detail, Problem.Proof proof) {
        super(detail);
        this.type = type;
        this.proof = proof;
    }

    /** The proof member of the problem, if any. */
    public java.util.Optional<Problem.Proof> proof() {
        return java.util.Optional.ofNullable(proof);
    }

    /** The problem type to answer with. */
    public ProblemType type() {
        return type;
    }
}
