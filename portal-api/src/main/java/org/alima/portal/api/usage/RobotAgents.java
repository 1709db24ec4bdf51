package org.alima.portal.api.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tells robots, crawlers and scripts from readers by their User-Agent header, with the maintained list of
 * crawler-user-agents (the resource {@value #RESOURCE}, its source and licence in its header): what COUNTER asks of a
 * usage count, in spirit. Immutable and thread-safe.
 *
 * <p>The list's patterns are regular expressions, matched case-insensitively anywhere in the header, compiled into one
 * alternation: one pass over the header whatever the list's length. A request with no User-Agent at all is a script
 * too: every browser sends one.
 */
final class RobotAgents {

    static final String RESOURCE = "crawler-user-agents.txt";

    /** A header longer than this is cut before matching: no browser's is, and a long one must not cost a long match. */
    static final int MAX_AGENT_LENGTH = 512;

    private final Pattern robots;
    private final int patterns;

    private RobotAgents(Pattern robots, int patterns) {
        this.robots = robots;
        this.patterns = patterns;
    }

    /** The list shipped with the portal. */
    static RobotAgents shipped() {
        try (InputStream in = RobotAgents.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The robots list " + RESOURCE + " is missing from the class path");
            }
            return of(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the robots list " + RESOURCE, e);
        }
    }

    /** A list from its lines: one pattern a line; blank lines and lines starting with {@code #} are skipped. */
    static RobotAgents of(List<String> lines) {
        List<String> patterns = new ArrayList<>();
        for (String line : lines) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "The robots list holds a pattern that is not a regular expression: " + pattern, e);
            }
            patterns.add("(?:" + pattern + ")");
        }
        return new RobotAgents(
                Pattern.compile(String.join("|", patterns), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
                patterns.size());
    }

    /** Whether a request with this User-Agent header (null when it had none) comes from a robot. */
    boolean isRobot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        String agent = userAgent.length() > MAX_AGENT_LENGTH ? userAgent.substring(0, MAX_AGENT_LENGTH) : userAgent;
        return robots.matcher(agent).find();
    }

    /** How many patterns the list holds. */
    int size() {
        return patterns;
    }
}
