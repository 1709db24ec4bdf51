package org.alima.portal.indexer.search;

import static org.alima.portal.indexer.search.QuerySyntaxException.Problem;
import static org.alima.portal.indexer.search.UserQueryParser.MAX_DEPTH;
import static org.alima.portal.indexer.search.UserQueryParser.MAX_LENGTH;
import static org.alima.portal.indexer.search.UserQueryParser.MAX_WORDS;
import static org.alima.portal.indexer.search.UserQueryParser.MIN_PREFIX_LENGTH;
import static org.alima.portal.indexer.search.UserQueryParser.QUERYABLE_FIELDS;

import java.util.Locale;
import java.util.Set;
import org.apache.lucene.queryparser.classic.QueryParserBase;

/**
 * The raw query text after a single linear scan that enforces the bounds the parser cannot enforce cheaply (length,
 * nesting, number of words, leading wildcards, short prefixes) with the exact position of the offence, and that escapes
 * the syntax the portal does not run. Immutable.
 *
 * @param prepared the text to give the classic parser
 * @param words words and phrases, operators excluded
 * @param explicitOr whether the user wrote OR (or ||), in which case the default operator is left alone
 */
record QueryText(String original, String prepared, int words, boolean explicitOr) {

    private static final Set<String> OPERATORS = Set.of("AND", "OR", "NOT", "&&", "||");

    /**
     * Whether the text is plain words, as a person asks a question, rather than query syntax (phrases, required or
     * excluded words, operators, field:value, wildcards, fuzzy words; parentheses are common in prose and allowed): only plain words are also searched by meaning,
     * since a dense model would ignore the constraints that syntax states.
     */
    static boolean isPlainWords(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        for (String word : text.strip().split("\\s+")) {
            if (OPERATORS.contains(word) || word.startsWith("+") || word.startsWith("-")) {
                return false;
            }
            int colon = word.indexOf(':');
            if (colon > 0
                    && QUERYABLE_FIELDS.containsKey(word.substring(0, colon).toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        return text.chars().noneMatch(c -> c == '"' || c == '*' || c == '~');
    }

    /** @throws QuerySyntaxException for text beyond a bound */
    static QueryText check(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new QuerySyntaxException(
                    Problem.TOO_LONG,
                    MAX_LENGTH,
                    "the query is " + text.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        StringBuilder prepared = new StringBuilder(text.length() + 16);
        boolean inQuotes = false;
        boolean inRange = false;
        int depth = 0;
        int words = 0;
        boolean explicitOr = false;
        int wordStart = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ' ';
            boolean boundary = !inQuotes && (Character.isWhitespace(c) || c == '(' || c == ')');
            if (boundary && wordStart >= 0) {
                String word = text.substring(wordStart, i);
                if (OPERATORS.contains(word)) {
                    explicitOr |= word.equals("OR") || word.equals("||");
                } else if (word.codePoints().anyMatch(Character::isLetterOrDigit)) {
                    if (++words > MAX_WORDS) {
                        throw new QuerySyntaxException(
                                Problem.TOO_MANY_CLAUSES,
                                wordStart,
                                "the query has more than " + MAX_WORDS + " words; shorten it");
                    }
                    checkWildcards(word, wordStart);
                }
                wordStart = -1;
            } else if (!boundary && wordStart < 0 && i < text.length()) {
                wordStart = i;
            }
            if (i == text.length()) {
                break;
            }
            if (c == '\\') {
                prepared.append(c);
                if (i + 1 < text.length()) {
                    prepared.append(text.charAt(++i));
                }
                continue;
            }
            if (c == '"') {
                inQuotes = !inQuotes;
                prepared.append(c);
                continue;
            }
            if (inQuotes) {
                prepared.append(c);
                continue;
            }
            switch (c) {
                case '(' -> {
                    if (++depth > MAX_DEPTH) {
                        throw new QuerySyntaxException(
                                Problem.TOO_DEEP,
                                i,
                                "the query nests parentheses more than " + MAX_DEPTH + " levels deep; simplify it");
                    }
                    prepared.append(c);
                }
                case ')' -> {
                    depth = Math.max(0, depth - 1);
                    prepared.append(c);
                }
                case ':' -> {
                    String field = fieldBefore(text, i);
                    boolean valueFollows = i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1));
                    if (field != null && valueFollows) {
                        prepared.append(c);
                        char next = text.charAt(i + 1);
                        if (field.equals("year") && (next == '[' || next == '{')) {
                            inRange = true;
                            prepared.append(next);
                            i++;
                        }
                    } else {
                        prepared.append('\\').append(c);
                    }
                }
                case ']', '}' -> {
                    if (inRange) {
                        inRange = false;
                        prepared.append(c);
                    } else {
                        prepared.append('\\').append(c);
                    }
                }
                // Regular expressions, boosts, single-character wildcards and "!" for NOT are not part of the portal's
                // syntax; read as plain text they are dropped by the analyzer ("HIV/AIDS" is two words).
                case '/', '^', '?', '!', '[', '{' -> prepared.append('\\').append(c);
                default -> prepared.append(c);
            }
        }
        return new QueryText(text, prepared.toString(), words, explicitOr);
    }

    private static void checkWildcards(String word, int start) {
        int offset = 0;
        while (offset < word.length() && "+-!(".indexOf(word.charAt(offset)) >= 0) {
            offset++;
        }
        int colon = word.indexOf(':', offset);
        if (colon > 0
                && QUERYABLE_FIELDS.containsKey(word.substring(offset, colon).toLowerCase(Locale.ROOT))) {
            offset = colon + 1;
        }
        String value = word.substring(offset);
        if (value.startsWith("*")) {
            throw new QuerySyntaxException(
                    Problem.LEADING_WILDCARD,
                    start + offset,
                    "a word may not start with *; type at least " + MIN_PREFIX_LENGTH + " letters before it");
        }
        if (value.startsWith("\"")) {
            return;
        }
        for (int i = 0; i < value.length() - 1; i++) {
            if (value.charAt(i) == '\\') {
                i++;
            } else if (value.charAt(i) == '*') {
                throw new QuerySyntaxException(
                        Problem.UNSUPPORTED_WILDCARD,
                        start + offset + i,
                        "only a trailing * is supported (malar*), not one inside a word (" + value + ")");
            }
        }
        if (value.endsWith("*")) {
            String stem = value.substring(0, value.length() - 1);
            long letters = stem.codePoints().filter(Character::isLetterOrDigit).count();
            if (letters < MIN_PREFIX_LENGTH) {
                throw new QuerySyntaxException(
                        Problem.PREFIX_TOO_SHORT,
                        start + offset,
                        "a prefix search needs at least " + MIN_PREFIX_LENGTH + " characters before the * (" + value
                                + ")");
            }
        }
    }

    /** The field name written just before the colon at {@code colon}, when it is one users may query; else null. */
    private static String fieldBefore(String text, int colon) {
        int start = colon;
        while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
            start--;
        }
        if (start == colon) {
            return null;
        }
        if (start > 0 && "+-!( \t\r\n".indexOf(text.charAt(start - 1)) < 0) {
            return null;
        }
        String field = text.substring(start, colon).toLowerCase(Locale.ROOT);
        return QUERYABLE_FIELDS.containsKey(field) ? field : null;
    }

    /** The words only, every character escaped: what is searched when the text does not parse. */
    String plainWords() {
        StringBuilder plain = new StringBuilder();
        for (String word : original.strip().split("\\s+")) {
            String literal = OPERATORS.contains(word) ? word.toLowerCase(Locale.ROOT) : word;
            if (!plain.isEmpty()) {
                plain.append(' ');
            }
            plain.append(QueryParserBase.escape(literal));
        }
        return plain.toString();
    }
}
