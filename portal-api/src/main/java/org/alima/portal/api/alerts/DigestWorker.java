package org.alima.portal.api.alerts;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the due digests every {@code portal.alerts.poll-interval} (a minute), and says once at startup whether e-mail
 * alerts are on. The schedule itself is in the database ({@link Digests}): a restart loses nothing, and a digest due
 * while the portal was down goes out at the first run after it starts. Thread-safe.
 */
@Singleton
class DigestWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DigestWorker.class);

    private final Digests digests;
    private final Mailer mailer;

    DigestWorker(Digests digests, Mailer mailer) {
        this.digests = digests;
        this.mailer = mailer;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (mailer.isConfigured()) {
            LOG.info("E-mail alerts are on: digests of saved searches go through the SMTP server {}", mailer.host());
        } else {
            LOG.info("E-mail alerts are off: PORTAL_SMTP_HOST is not set. Saved searches and their feeds work; their"
                    + " digests wait until a mail server is configured.");
        }
    }

    @Scheduled(fixedDelay = "${portal.alerts.poll-interval:1m}", initialDelay = "${portal.alerts.poll-interval:1m}")
    void sendDue() {
        if (!mailer.isConfigured()) {
            return;
        }
        try {
            int sent = digests.runDue(Instant.now());
            if (sent > 0) {
                LOG.info("Sent {} digests of saved searches", sent);
            }
        } catch (RuntimeException e) {
            // Nobody else would hear of it: the next run tries again, the due searches still due.
            LOG.error("Digests of saved searches could not run; trying again at the next poll", e);
        }
    }
}
