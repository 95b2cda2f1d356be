package dev.toolseal.registry.problem;

/**
 * Thrown by services and resources to answer with a specific problem. The detail must be safe to
 * show to the client.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    /** The problem type to answer with. */
    public ProblemType type() {
        return type;
    }
}
