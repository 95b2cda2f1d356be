package dev.toolseal.registry.health;

import dev.toolseal.registry.log.LogEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the log engine runs. (That the database answers is the datasource's own
 * readiness check.)
 */
@Readiness
@ApplicationScoped
public class LogEngineReadiness implements HealthCheck {

    /** The check's name in {@code /q/health/ready}. */
    public static final String NAME = "transparency-log";

    private final LogEngine engine;

    @Inject
    public LogEngineReadiness(LogEngine engine) {
        this.engine = engine;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(engine.running()).build();
    }
}
