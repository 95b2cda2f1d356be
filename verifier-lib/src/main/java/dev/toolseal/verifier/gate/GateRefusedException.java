package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.manifest.VisibleText;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gate refused a request itself; nothing was sent to the server.
 *
 * <p>{@link #refusal()} says why in general, {@link #reasons()} carries the verifier's evidence
 * (for a hidden tool, the reasons about that tool when there are any).
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
        super(message(refusal, tool, reasons));
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.tool = Objects.requireNonNull(tool, "tool");
        this.reasons = List.copyOf(reasons);
    }

    private static String message(Refusal refusal, Optional<String> tool, List<GateReason> reasons) {
        StringBuilder text = new StringBuilder(refusal.name());
        tool.ifPresent(name -> text.append(" tool `").append(
                VisibleText.of(name)).append('`'));
        reasons.forEach(reason -> text.append('\n').append(reason.text()));
        return text.toString();
    }

    public Refusal refusal() {
        return refusal;
    }

    /** The tool the refused call named, if it was a call. */
    public Optional<String> tool() {
        return tool;
    }

    public List<GateReason> reasons() {
        return reasons;
    }
}
