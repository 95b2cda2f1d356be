package dev.toolseal.verifier.gate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate refused a request itself; nothing was sent to the server.
 *
 * <p>{@link #getMessage()} is fixed text, {@code ToolSeal refused this request (<REFUSAL>)}: an
 * exception message tends to reach the model, so it holds nothing the server or publisher wrote
 * (docs/design/boundary.md, "Refusals"). {@link #refusal()} says why in general, {@link #tool()}
 * names the tool the caller asked for, and {@link #reasons()} carries the verifier's evidence
 * (for a hidden tool, the reasons about that tool when there are any): audit detail for logs and
 * for the person operating the gate, not for the model.
 */
public final class GateRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the gate refused. */
    public enum Refusal {
        /** The whole server is rejected (or could not be verified). */
        SERVER_REJECTED,
        /** The server is accepted in part, and not this tool (changed, added, or unknown). */
        NOT_VERIFIED,
        /** A re-verification did not finish within the gate's wait bound. */
        VERIFICATION_PENDING,
        /** The gate was closed. */
        CLOSED
    }

    private final Refusal refusal;
    private final transient Optional<String> tool;
    private final transient List<GateReason> reasons;

    public GateRefusedException(Refusal refusal, Optional<String> tool, List<GateReason> reasons) {
        super("ToolSeal refused this request (" + refusal.name() + ")");
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.tool = Objects.requireNonNull(tool, "tool");
        this.reasons = List.copyOf(reasons);
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The tool the refused call named, if it was a call. */
    public Optional<String> tool() {
        return tool;
    }

    /** The verifier's evidence: audit detail, never shown to the model. */
    public List<GateReason> reasons() {
        return reasons;
    }
}
