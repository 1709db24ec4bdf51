package org.alima.portal.indexer.extract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers {@link DocumentMetadata} from sources of unequal trust: for each field the first sane value offered wins, so
 * callers offer the most trusted source first (XMP before the PDF document information, for instance, and a PDF's
 * first-page heading last). A title that {@link MetadataDoubts} finds doubtful (a file name, a generic word, all
 * capitals) gives way to any later title that is not, and is kept only when no such title comes; author entries that
 * are web addresses or e-mail addresses, and dates before 1970 or in the future, are passed over. Not thread-safe: one
 * instance per extraction.
 */
final class MetadataBuilder {

    private static final Pattern WORD_PREFIX = Pattern.compile("(?i)^microsoft (word|powerpoint) - ");
    private static final Pattern AUTHOR_LIST_SEPARATOR = Pattern.compile("\\s*[;|\\n]\\s*");
    private static final Pattern AUTHOR_CONJUNCTION = Pattern.compile("\\s+(?:and|&)\\s+");
    private static final Pattern KEYWORD_SEPARATOR = Pattern.compile("\\s*[,;\\n]\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DATE = Pattern.compile("(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})");
    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);

    private String title;
    /** The least doubtful title offered so far, kept in case no sound one comes. */
    private String doubtfulTitle;

    private List<String> authors = List.of();
    private String subject;
    private List<String> keywords = List.of();
    private String doi;
    private String language;
    private String languageFallback;
    private LocalDate created;
    private LocalDate modified;

    MetadataBuilder title(String candidate) {
        if (title == null) {
            String t = tidy(candidate);
            if (t != null) {
                t = WORD_PREFIX.matcher(t).replaceFirst("");
                Optional<MetadataDoubts.Reason> doubt = MetadataDoubts.ofTitle(t);
                if (doubt.isEmpty()) {
                    title = t;
                } else if (LanguageGuesser.countLetters(t, 1) > 0
                        && (doubtfulTitle == null
                                || doubt.get()
                                                .compareTo(MetadataDoubts.ofTitle(doubtfulTitle)
                                                        .orElseThrow())
                                        > 0)) {
                    // Among doubtful titles the least doubtful wins: words in capitals before a generic word, and
                    // that before a file name.
                    doubtfulTitle = t;
                }
            }
        }
        return this;
    }

    /** Offers an author field as one string, split into names (see {@link #splitAuthors(String)}). */
    MetadataBuilder authors(String candidate) {
        return candidate == null ? this : authors(List.of(candidate));
    }

    /** Offers a list of author entries; each entry may still hold several names, as many tools write them so. */
    MetadataBuilder authors(List<String> candidates) {
        if (authors.isEmpty() && candidates != null) {
            Set<String> names = new LinkedHashSet<>();
            for (String candidate : candidates) {
                names.addAll(splitAuthors(candidate));
            }
            authors = List.copyOf(names);
        }
        return this;
    }

    MetadataBuilder subject(String candidate) {
        if (subject == null) {
            String s = tidy(candidate);
            if (s != null && LanguageGuesser.countLetters(s, 2) >= 2) {
                subject = s;
            }
        }
        return this;
    }

    /** Offers keywords as one string separated by commas or semicolons. */
    MetadataBuilder keywords(String candidate) {
        return candidate == null ? this : keywords(List.of(candidate));
    }

    MetadataBuilder keywords(List<String> candidates) {
        if (keywords.isEmpty() && candidates != null) {
            Set<String> words = new LinkedHashSet<>();
            for (String candidate : candidates) {
                if (candidate != null) {
                    for (String part : KEYWORD_SEPARATOR.split(candidate)) {
                        String k = tidy(part);
                        if (k != null) {
                            words.add(k);
                        }
                    }
                }
            }
            keywords = List.copyOf(words);
        }
        return this;
    }

    /** Offers text that may contain a DOI (a bare DOI, a {@code doi:} or resolver URL, or prose around one). */
    MetadataBuilder doi(CharSequence candidate) {
        if (doi == null) {
            Doi.findIn(candidate).ifPresent(d -> doi = d.value());
        }
        return this;
    }

    MetadataBuilder language(String candidate) {
        if (language == null) {
            language = languageCode(candidate);
        }
        return this;
    }

    /** A language declared by the file (HTML {@code lang}), used only when the text did not tell one. */
    MetadataBuilder languageFallback(String candidate) {
        if (languageFallback == null) {
            languageFallback = languageCode(candidate);
        }
        return this;
    }

    MetadataBuilder created(LocalDate candidate) {
        if (created == null && sane(candidate)) {
            created = candidate;
        }
        return this;
    }

    MetadataBuilder created(Calendar candidate) {
        return created(toLocalDate(candidate));
    }

    MetadataBuilder modified(LocalDate candidate) {
        if (modified == null && sane(candidate)) {
            modified = candidate;
        }
        return this;
    }

    MetadataBuilder modified(Calendar candidate) {
        return modified(toLocalDate(candidate));
    }

    DocumentMetadata build() {
        return new DocumentMetadata(
                title != null ? title : doubtfulTitle,
                authors,
                subject,
                keywords,
                doi,
                language != null ? language : languageFallback,
                created,
                modified);
    }

    /**
     * Reads the date at the start of a metadata value: {@code 2010-03-05}, {@code 2010/3/5} or an ISO date-time. A
     * year or a month alone gives null rather than an invented day.
     */
    static LocalDate parseDate(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = DATE.matcher(value.strip());
        if (!m.lookingAt()) {
            return null;
        }
        try {
            return LocalDate.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * Splits an author field into names. Semicolons, bars and line breaks always separate names. Commas separate
     * names only when every comma-separated part has at least two words ("Ann Lee, Bo Chen"), because a single
     * "Lee, Ann" is one name written surname first. "and" and "&amp;" separate names likewise.
     */
    static List<String> splitAuthors(String field) {
        List<String> names = new ArrayList<>();
        if (field == null) {
            return names;
        }
        for (String group : AUTHOR_LIST_SEPARATOR.split(field)) {
            List<String> parts = new ArrayList<>();
            for (String byConjunction : AUTHOR_CONJUNCTION.split(group)) {
                String[] byComma = byConjunction.split(",");
                boolean commaSeparatesNames = byComma.length > 1;
                for (String part : byComma) {
                    commaSeparatesNames &= WHITESPACE.split(part.strip()).length >= 2;
                }
                if (commaSeparatesNames) {
                    parts.addAll(List.of(byComma));
                } else {
                    parts.add(byConjunction);
                }
            }
            for (String part : parts) {
                String name = tidy(part);
                if (name != null
                        && LanguageGuesser.countLetters(name, 2) >= 2
                        && !name.contains("://")
                        && !name.startsWith("www.")
                        && name.indexOf('@') < 0) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The primary subtag of a language tag, lower-cased: {@code fr-CA} gives {@code fr}. */
    private static String languageCode(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String code = tag.strip().toLowerCase(Locale.ROOT);
        int dash = code.indexOf('-');
        return dash > 0 ? code.substring(0, dash) : code;
    }

    private static String tidy(String s) {
        if (s == null) {
            return null;
        }
        String t = WHITESPACE.matcher(s).replaceAll(" ").strip();
        return t.isEmpty() ? null : t;
    }

    private static boolean sane(LocalDate date) {
        return date != null
                && !date.isBefore(EARLIEST)
                && !date.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1));
    }

    private static LocalDate toLocalDate(Calendar calendar) {
        if (calendar == null) {
            return null;
        }
        return LocalDate.ofInstant(calendar.toInstant(), calendar.getTimeZone().toZoneId());
    }
}
