package org.alima.portal.api.usage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Who a client is for the double-click filter, without keeping who they are: a SHA-256 of the client's address and
 * User-Agent with a random salt drawn each UTC day and held in memory only. Once the day's salt is gone (at midnight,
 * or when the portal stops) no one can tell which address a key was, not even with the key list in hand: an address
 * space is small enough to try every address against an unsalted or a stored salt. Thread-safe.
 */
final class ClientKeys {

    private record Salt(LocalDate day, byte[] bytes) {}

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Salt salt;

    ClientKeys(Clock clock) {
        this.clock = clock;
        this.salt = draw(LocalDate.now(clock));
    }

    /** The key of a client: 128 bits of the salted hash, in hex. */
    String of(String address, String userAgent) {
        byte[] salt = today();
        MessageDigest sha256 = sha256();
        sha256.update(salt);
        sha256.update(address.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update((userAgent == null ? "" : userAgent).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    }

    private byte[] today() {
        LocalDate day = LocalDate.now(clock);
        Salt current = salt;
        if (!current.day().equals(day)) {
            synchronized (this) {
                if (!salt.day().equals(day)) {
                    salt = draw(day);
                }
                current = salt;
            }
        }
        return current.bytes();
    }

    private Salt draw(LocalDate day) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return new Salt(day, bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
