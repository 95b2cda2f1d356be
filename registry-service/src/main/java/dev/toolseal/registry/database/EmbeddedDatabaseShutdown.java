package dev.toolseal.registry.database;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stops the embedded database, if this process started one, when the application stops: after
 * every other shutdown observer (the log engine flushes its queue to the database first).
 */
@ApplicationScoped
public class EmbeddedDatabaseShutdown {

    /** Later than any other shutdown observer of the registry. */
    static final int PRIORITY = 10_000;

    void onStop(@Observes @Priority(PRIORITY) ShutdownEvent event) {
        EmbeddedDatabase.stop();
    }
}
