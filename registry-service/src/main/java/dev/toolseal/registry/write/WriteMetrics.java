package dev.toolseal.registry.write;

import dev.toolseal.registry.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Counters of the write API, scraped at {@code /q/metrics}: {@code toolseal_writes_accepted_total}
 * by {@code kind} (release, review, key-binding, ...) and {@code toolseal_writes_rejected_total} by
 * {@code kind} and {@code reason} (the problem type's slug).
 */
@ApplicationScoped
public class WriteMetrics {

    private final MeterRegistry registry;

    @Inject
    public WriteMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String kind) {
        Counter.builder("toolseal.writes.accepted").description("Writes accepted and appended to the log")
                .tag("kind", kind).register(registry).increment();
    }

    void rejected(String kind, ProblemType reason) {
        String slug = reason.uri().toString().substring(ProblemType.BASE.length());
        Counter.builder("toolseal.writes.rejected").description("Writes refused, by problem type")
                .tag("kind", kind).tag("reason", slug).register(registry).increment();
    }
}
