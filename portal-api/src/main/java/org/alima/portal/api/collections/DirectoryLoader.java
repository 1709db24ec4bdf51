package org.alima.portal.api.collections;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link CollectionDirectory} from PostgreSQL when the portal starts, then reloads it every {@code
 * portal.collections.reload-interval} (10 s): for the changes other portal nodes on the same database make, and,
 * should the database be unreachable at startup, until it is loaded (readers see no collection in search meanwhile).
 * Thread-safe.
 */
@Singleton
class DirectoryLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLoader.class);

    private final CollectionRepository collections;
    private final CollectionDirectory directory;

    /** Whether the last load failed, so that a database down for an hour is logged once, not every 10 s. */
    private volatile boolean failing;

    DirectoryLoader(CollectionRepository collections, CollectionDirectory directory) {
        this.collections = collections;
        this.directory = directory;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        loadOnce();
    }

    @Scheduled(
            fixedDelay = "${portal.collections.reload-interval:10s}",
            initialDelay = "${portal.collections.reload-interval:10s}")
    void reload() {
        loadOnce();
    }

    private void loadOnce() {
        // Before the read: what this process records while it runs is newer than what it may miss.
        Instant readFrom = Instant.now();
        try {
            directory.reload(collections.all(), readFrom);
            failing = false;
        } catch (RuntimeException e) {
            // The portal must start (and search answer) without its database; the next try is seconds away.
            if (!failing) {
                LOG.warn(
                        directory.isLoaded()
                                ? "Cannot reload the collections' visibility; changes made on other nodes are seen"
                                        + " once the database answers again"
                                : "Cannot load the collections' visibility yet; readers see no collection in search"
                                        + " until it is loaded",
                        e);
            }
            failing = true;
        }
    }
}
