package org.alima.portal.api.indexing;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.alima.portal.indexer.extract.DocumentMetadata;

/**
 * Turns the metadata that extraction read from a file into what may fill a document's empty fields. Stateless.
 *
 * <p>A file's own metadata is untrusted text: it is kept only within the bounds that the API and the database CHECKs
 * accept from a person (title 1..1000 characters, at most 200 authors of 300 characters, 50 topics of 200, a DOI of
 * the form 10.NNNN/…, a two-letter language code), so that filling it in can never break a constraint.
 */
final class FileMetadata {

    private static final int MAX_TITLE = 1000;
    private static final int MAX_AUTHORS = 200;
    private static final int MAX_AUTHOR = 300;
    private static final int MAX_KEYWORDS = 50;
    private static final int MAX_KEYWORD = 200;
    private static final int MAX_DOI = 300;
    private static final Pattern DOI = Pattern.compile("10\\.\\d{4,9}/\\S+");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");

    private FileMetadata() {}

    static ProcessingOutcome.MetadataFromFile of(DocumentMetadata found) {
        String title = text(found.title());
        String doi = text(found.doi());
        return new ProcessingOutcome.MetadataFromFile(
                title == null ? null : cut(title, MAX_TITLE),
                list(found.authors(), MAX_AUTHORS, MAX_AUTHOR),
                list(found.keywords(), MAX_KEYWORDS, MAX_KEYWORD),
                doi != null && doi.length() <= MAX_DOI && DOI.matcher(doi).matches() ? doi : null);
    }

    /** The detected language when it is an ISO 639-1 code, as the database requires; else null. */
    static String language(String detected) {
        if (detected == null) {
            return null;
        }
        String code = detected.strip().toLowerCase(Locale.ROOT);
        return LANGUAGE.matcher(code).matches() ? code : null;
    }

    private static List<String> list(List<String> values, int maxCount, int maxLength) {
        return values.stream()
                .map(FileMetadata::text)
                .filter(Objects::nonNull)
                .filter(value -> value.length() <= maxLength)
                .distinct()
                .limit(maxCount)
                .toList();
    }

    /** Without control characters and lone surrogates, stripped; null when nothing visible is left. */
    private static String text(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder(value.length());
        value.codePoints()
                .filter(c -> !Character.isISOControl(c) && !(c >= 0xD800 && c <= 0xDFFF))
                .forEach(kept::appendCodePoint);
        String stripped = kept.toString().strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** Cut on a code point boundary, so that a surrogate pair is never split. */
    private static String cut(String value, int maxLength) {
        if (value.length() <= maxLength) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return value.substring(0, end).strip();
    }
}
