package org.alima.portal.api.alerts;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.alima.portal.api.TestDatabase;

/** A real SMTP server for a test (GreenMail), on a free port, and what it received. */
final class Mailbox implements AutoCloseable {

    static final String FROM = "alerts@portal.test";

    private final GreenMail server;

    Mailbox() {
        server = new GreenMail(new ServerSetup(TestDatabase.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    int port() {
        return server.getSmtp().getPort();
    }

    /** The portal's properties that send its mail here. */
    Map<String, String> properties() {
        return Map.of(
                "portal.mail.host",
                "127.0.0.1",
                "portal.mail.port",
                String.valueOf(port()),
                "portal.mail.tls",
                "none",
                "portal.mail.from",
                FROM);
    }

    /** The environment variables that send a portal's mail here. */
    Map<String, String> environment() {
        return Map.of(
                "PORTAL_SMTP_HOST",
                "127.0.0.1",
                "PORTAL_SMTP_PORT",
                String.valueOf(port()),
                "PORTAL_SMTP_TLS",
                "none",
                "PORTAL_MAIL_FROM",
                FROM);
    }

    /** Every message received for {@code address}, in the order received. */
    List<Mail> to(String address) {
        return Arrays.stream(server.getReceivedMessages())
                .filter(m -> recipients(m).contains(address.toLowerCase(java.util.Locale.ROOT)))
                .map(Mail::of)
                .toList();
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.toString(message.getAllRecipients()).toLowerCase(java.util.Locale.ROOT);
        } catch (MessagingException e) {
            throw new AssertionError("unreadable recipients", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** A received message's headers of interest and its text. */
    record Mail(String subject, String body, String messageId, String from) {

        static Mail of(MimeMessage message) {
            try {
                return new Mail(
                        message.getSubject(),
                        GreenMailUtil.getBody(message).isEmpty() ? "" : text(message),
                        message.getMessageID(),
                        Arrays.toString(message.getFrom()));
            } catch (MessagingException e) {
                throw new AssertionError("unreadable message", e);
            }
        }

        private static String text(MimeMessage message) {
            try {
                return (String) message.getContent();
            } catch (MessagingException | java.io.IOException e) {
                throw new AssertionError("unreadable message body", e);
            }
        }
    }
}
