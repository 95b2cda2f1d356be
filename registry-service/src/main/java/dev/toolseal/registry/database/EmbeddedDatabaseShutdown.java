package dev.toolseal.registry.database;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Stops the embedded database, if this process started one, when the application stops. */
@ApplicationScoped
public class EmbeddedDatabaseShutdown {

    void onStop(@Observes ShutdownEvent event) {
        EmbeddedDatabase.stop();
    }
}
