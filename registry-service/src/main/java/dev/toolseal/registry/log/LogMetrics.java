package dev.toolseal.registry.log;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;

/**
 * Gauges of the log engine, scraped at {@code /q/metrics}:
 * {@code toolseal_log_append_queue_depth} (entries waiting to be sequenced) and
 * {@code toolseal_log_integration_lag_entries} (sequenced but not yet in a checkpoint; NaN while
 * the database does not answer).
 */
@Startup
@ApplicationScoped
public class LogMetrics {

    @Inject
    public LogMetrics(MeterRegistry registry, LogEngine engine) {
        Gauge.builder("toolseal.log.append.queue.depth", engine, LogEngine::queueDepth)
                .description("Entries waiting to be sequenced into the log")
                .baseUnit("entries")
                .register(registry);
        Gauge.builder("toolseal.log.integration.lag", engine, LogMetrics::lag)
                .description("Entries sequenced but not yet covered by the latest checkpoint")
                .baseUnit("entries")
                .register(registry);
    }

    private static double lag(LogEngine engine) {
        try {
            return engine.integrationLag();
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
