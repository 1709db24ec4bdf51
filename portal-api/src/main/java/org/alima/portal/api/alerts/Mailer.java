package org.alima.portal.api.alerts;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Locale;
import java.util.Properties;

/**
 * Sends the portal's e-mail through the SMTP server the environment names ({@code PORTAL_SMTP_HOST}, {@code
 * PORTAL_SMTP_PORT}, {@code PORTAL_SMTP_USER}, {@code PORTAL_SMTP_PASSWORD}, {@code PORTAL_SMTP_TLS}, {@code
 * PORTAL_MAIL_FROM}), with Angus Mail. Without a host it sends nothing and says so ({@link #isConfigured}).
 * Thread-safe: Jakarta Mail's session is, and each message opens its own connection.
 */
@Singleton
class Mailer {

    /** How a connection to the SMTP server is secured. */
    enum Tls {
        /** Plain SMTP upgraded by STARTTLS, which must succeed (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        SSL,
        /** No encryption: a relay on the same host or network only. */
        NONE
    }

    /** Milliseconds to connect, and to wait for each answer of the server: a hung server must not hold a digest. */
    private static final String TIMEOUT = "30000";

    private final String host;
    private final Session session;
    private final InternetAddress from;

    Mailer(
            @Value("${portal.mail.host:}") String host,
            @Value("${portal.mail.port:587}") int port,
            @Value("${portal.mail.username:}") String username,
            @Value("${portal.mail.password:}") String password,
            @Value("${portal.mail.tls:starttls}") String tls,
            @Value("${portal.mail.from:}") String from) {
        this.host = host.strip();
        if (this.host.isEmpty()) {
            this.session = null;
            this.from = null;
            return;
        }
        Tls security;
        try {
            security = Tls.valueOf(tls.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PORTAL_SMTP_TLS must be starttls, ssl or none, not '" + tls + "'", e);
        }
        try {
            this.from = new InternetAddress(from.strip(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException(
                    "PORTAL_MAIL_FROM must be the address the portal's e-mail comes from, such as"
                            + " evidence-portal@example.org, when PORTAL_SMTP_HOST is set; got '" + from + "'",
                    e);
        }
        Properties properties = new Properties();
        String protocol = security == Tls.SSL ? "smtps" : "smtp";
        properties.put("mail.transport.protocol", protocol);
        properties.put("mail." + protocol + ".host", this.host);
        properties.put("mail." + protocol + ".port", String.valueOf(port));
        properties.put("mail." + protocol + ".connectiontimeout", TIMEOUT);
        properties.put("mail." + protocol + ".timeout", TIMEOUT);
        properties.put("mail." + protocol + ".writetimeout", TIMEOUT);
        if (security == Tls.STARTTLS) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
        }
        if (security != Tls.NONE) {
            properties.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Authenticator authenticator = null;
        if (!username.isBlank()) {
            properties.put("mail." + protocol + ".auth", "true");
            authenticator = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(username, password);
                }
            };
        }
        this.session = Session.getInstance(properties, authenticator);
    }

    /** Whether an SMTP server is configured: without one, digests wait. */
    boolean isConfigured() {
        return session != null;
    }

    /** The SMTP server, for logs. */
    String host() {
        return host;
    }

    /**
     * Sends one plain-text message; returns once the SMTP server accepted it.
     *
     * @param messageId the Message-ID, so that a message sent twice (see {@link Digests}) is recognisably the same
     * @throws MessagingException when the server refuses it or cannot be reached
     */
    void send(String to, String subject, String text, String messageId, String manageUrl) throws MessagingException {
        if (session == null) {
            throw new IllegalStateException("no SMTP server is configured (PORTAL_SMTP_HOST); nothing can be sent");
        }
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        // RFC 3834: an automatic message, which auto-responders leave unanswered.
        message.setHeader("Auto-Submitted", "auto-generated");
        message.setHeader("List-Unsubscribe", "<" + manageUrl + ">");
        Transport.send(message);
    }

    /** The domain of the sender's address, for Message-IDs. */
    String domain() {
        String address = from == null ? "localhost" : from.getAddress();
        return address.substring(address.indexOf('@') + 1);
    }
}
