package dev.toolseal.registry.reliability;

import java.util.ArrayList;
import java.util.List;

/** One scenario's line in the results table, with the properties it violated (none = pass). */
final class Row {

    final String scenario;
    final List<String> facts = new ArrayList<>();
    final List<String> violations = new ArrayList<>();

    Row(String scenario) {
        this.scenario = scenario;
    }

    Row fact(String fact) {
        facts.add(fact);
        return this;
    }

    /** Records a violation unless {@code holds}. */
    Row require(boolean holds, String property) {
        if (!holds) {
            violations.add(property);
        }
        return this;
    }

    Row addAudit(LogAuditor.Report audit, int acks) {
        fact("checkpoints seen " + audit.checkpoints() + ", consistency proofs ok " + audit.consistencyProofs()
                + ", final size " + audit.finalSize());
        fact("acked " + acks + ": inclusion proofs ok " + audit.inclusionProofs() + ", browsable " + audit.browsed());
        violations.addAll(audit.violations());
        require(audit.inclusionProofs() == acks, "every acknowledged publish is in the log with its leaf");
        require(audit.browsed() == acks, "every acknowledged publish is in the browse API");
        require(audit.checkpoints() > 1, "checkpoints were sampled");
        return this;
    }

    boolean passed() {
        return violations.isEmpty();
    }
}
