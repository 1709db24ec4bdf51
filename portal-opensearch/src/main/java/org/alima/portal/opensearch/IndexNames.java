package org.alima.portal.opensearch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.alima.portal.indexer.index.IndexSchema;

/**
 * The names of the portal's indices on a cluster, immutable and thread-safe: the alias that every search and write goes
 * through ({@code <prefix>}), and the concrete indices behind it, {@code
 * <prefix>-s<schema version>-m<definition hash>-<epoch millis>}. The name of the index the alias points to says
 * which schema version and which settings and mappings built it, so a change of either is seen by comparing names
 * ({@link #isCurrent}), without reading the mapping back.
 */
public final class IndexNames {

    private final String alias;
    private final String definitionHash;
    private final Pattern concrete;

    /**
     * @param prefix the alias, and the start of every concrete index's name
     * @param definitionJson the index's settings and mappings as sent to the cluster; its hash goes into the names
     */
    public IndexNames(String prefix, String definitionJson) {
        this.alias = Objects.requireNonNull(prefix, "prefix");
        this.definitionHash = hash(definitionJson);
        this.concrete = Pattern.compile(Pattern.quote(prefix) + "-s\\d+-m[0-9a-f]{8}-(\\d{1,19})");
    }

    /** The alias searches and writes go through. */
    public String alias() {
        return alias;
    }

    /** The first 8 hex digits of the SHA-256 of the settings and mappings. */
    public String definitionHash() {
        return definitionHash;
    }

    /** A new concrete index's name, for the current schema and definition, made at {@code now}. */
    public String newIndex(Instant now) {
        return currentPrefix() + now.toEpochMilli();
    }

    /** Whether {@code index} was made with the current schema version and settings and mappings. */
    public boolean isCurrent(String index) {
        return index.startsWith(currentPrefix())
                && index.substring(currentPrefix().length()).chars().allMatch(Character::isDigit);
    }

    /**
     * When {@code index}, a concrete index of this prefix whatever its version, was made; empty for any other name
     * (another prefix that starts the same, {@code portal-staging} beside {@code portal}, is never taken for ours).
     */
    public Optional<Instant> madeAt(String index) {
        Matcher name = concrete.matcher(index);
        if (!name.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(name.group(1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The pattern matching every concrete index of this prefix, for listing them. */
    public String pattern() {
        return alias + "-s*";
    }

    private String currentPrefix() {
        return alias + "-s" + IndexSchema.VERSION + "-m" + definitionHash + "-";
    }

    private static String hash(String json) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return alias + " (" + currentPrefix() + "*)";
    }
}
