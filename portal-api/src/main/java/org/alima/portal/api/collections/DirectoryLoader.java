package org.alima.portal.api.collections;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the {@link CollectionDirectory} from PostgreSQL when the portal starts, and again every half minute until it
 * succeeds should the database be unreachable then (readers see no collection in search meanwhile). Thread-safe.
 */
@Singleton
class DirectoryLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLoader.class);

    private final CollectionRepository collections;
    private final CollectionDirectory directory;

    DirectoryLoader(CollectionRepository collections, CollectionDirectory directory) {
        this.collections = collections;
        this.directory = directory;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        loadOnce();
    }

    @Scheduled(fixedDelay = "30s", initialDelay = "30s")
    void retry() {
        if (!directory.isLoaded()) {
            loadOnce();
        }
    }

    private void loadOnce() {
        try {
            directory.load(collections.all());
        } catch (RuntimeException e) {
            // The portal must start (and search answer) without its database; the next try is half a minute away.
            LOG.warn(
                    "Cannot load the collections' visibility yet; readers see no collection in search until it is"
                            + " loaded, tried again in 30 s",
                    e);
        }
    }
}
