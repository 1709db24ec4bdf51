package org.alima.portal.indexer.extract;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place that judges a title or an author name read from a file before it is offered to a contributor.
 * Stateless; thread-safe.
 *
 * <p>Authoring tools fill a file's metadata by themselves, and what they write is often not what a reader should see.
 * A title is doubtful when it is:
 *
 * <ul>
 *   <li>{@link Reason#FILE_NAME a file name}: it ends with a file extension ({@code x.docx}), holds an underscore
 *       ({@code EHR_BSI_Protocol}), is one word mixing letters and digits ({@code CMR10}, {@code kwh255}), or is one
 *       word without spaces that joins parts by hyphens, dots or capitals inside the word
 *       ({@code EHR-BSIReportingProtocol});
 *   <li>{@link Reason#GENERIC_WORD a generic word}: a placeholder ({@code Untitled}, {@code Sans titre},
 *       {@code Document 1}), a word processor's prefix ({@code Microsoft Word - …}), a kind of paper followed by at
 *       most a short code ({@code Fiche GP}, {@code Template}, {@code Draft v2}), or fewer than four letters;
 *   <li>{@link Reason#ALL_CAPITALS all capitals}: at least four capital letters and none in lower case
 *       ({@code EPIDEMIOLOGY}), as a running header or a cover page's banner is set, rarely the document's title as a
 *       person would write it (scripts without case, such as Korean, are never "all capitals").
 * </ul>
 *
 * An author is doubtful when the name looks like an account rather than a person or an organisation:
 *
 * <ul>
 *   <li>{@link Reason#EMAIL_LOCAL_PART an e-mail's local part}: one word without spaces whose parts are joined by dots
 *       or underscores ({@code ghislaine.palix-cant}), or a whole address;
 *   <li>{@link Reason#USER_NAME a user name}: one word in lower case or holding digits ({@code cforsber},
 *       {@code user1}), or an account's generic name ({@code Administrator}, {@code Utilisateur}).
 * </ul>
 *
 * A single capitalised word ({@code UNICEF}, {@code Alima}, {@code Forsberg}) is not doubtful as an author: it is how
 * organisations sign. These rules are the portal's own judgement, measured on the shared corpus (see the README).
 */
public final class MetadataDoubts {

    /**
     * Why a value read from a file is doubtful; {@link #code()} is the name the API and the web page use. The title
     * reasons come from the most to the least doubtful: a file name says nothing of the document, capitals may well
     * be its title.
     */
    public enum Reason {
        FILE_NAME("file-name"),
        GENERIC_WORD("generic-word"),
        ALL_CAPITALS("all-capitals"),
        EMAIL_LOCAL_PART("email-local-part"),
        USER_NAME("user-name");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private static final Pattern EXTENSION = Pattern.compile(
            "(?i).*\\.(pdf|docx?|rtf|odt|tex|dvi|ps|fm|indd|qxd|qxp|pptx?|xlsx?|txt|html?|md|wpd|pub)\\)?$");
    /** One word mixing letters and digits, as font and file names are ("CMR10", "kwh255"). */
    private static final Pattern CODE_WORD = Pattern.compile("\\S*\\p{L}\\S*\\d\\S*|\\S*\\d\\S*\\p{L}\\S*");
    /** One word whose parts are joined by a hyphen or a dot, or by a capital after a small letter ("BsiReporting"). */
    private static final Pattern JOINED_WORD = Pattern.compile("\\S*(\\p{L}[-.]\\p{L}|\\p{Ll}\\p{Lu})\\S*");

    private static final Pattern PLACEHOLDER =
            Pattern.compile("(?i)(untitled|sans titre|sans-titre|title|titre|document|doc|microsoft word|new document"
                    + "|nouveau document)([\\s_-]*\\d*)?");
    private static final Pattern WORD_PROCESSOR = Pattern.compile("(?i)^microsoft (word|powerpoint|excel) - .*");
    /** A kind of paper, alone or followed by one short code: "Fiche GP", "Template", "Draft v2", "Presentation1". */
    private static final Pattern KIND_OF_PAPER =
            Pattern.compile("(?i)(fiche|form|formulaire|template|mod[eè]le|draft|brouillon|presentation|pr[ée]sentation"
                    + "|powerpoint presentation|slides?|diapositives?|note|memo|rapport|report|annexe?|table|tableau)"
                    + "([\\s_-]*\\S{0,3})?");

    private static final Pattern EMAIL_PARTS = Pattern.compile("\\S+[._]\\S+");
    private static final Set<String> ACCOUNT_NAMES = Set.of(
            "admin",
            "administrator",
            "administrateur",
            "user",
            "utilisateur",
            "owner",
            "author",
            "auteur",
            "unknown",
            "inconnu",
            "guest",
            "invité");

    private MetadataDoubts() {}

    /** Why {@code title} is doubtful, or empty when it may be offered as it is (null and blank are not judged). */
    public static Optional<Reason> ofTitle(String title) {
        if (title == null || title.isBlank()) {
            return Optional.empty();
        }
        String t = title.strip();
        boolean oneWord = t.chars().noneMatch(Character::isWhitespace);
        if (EXTENSION.matcher(t).matches()
                || t.indexOf('_') >= 0
                || oneWord
                        && (CODE_WORD.matcher(t).matches()
                                || JOINED_WORD.matcher(t).matches())) {
            return Optional.of(Reason.FILE_NAME);
        }
        if (WORD_PROCESSOR.matcher(t).matches()
                || PLACEHOLDER.matcher(t).matches()
                || KIND_OF_PAPER.matcher(t).matches()
                || letters(t) < 4) {
            return Optional.of(Reason.GENERIC_WORD);
        }
        if (t.codePoints().noneMatch(Character::isLowerCase)
                && t.codePoints().filter(Character::isUpperCase).count() >= 4) {
            return Optional.of(Reason.ALL_CAPITALS);
        }
        return Optional.empty();
    }

    /** Why {@code name} is doubtful as an author, or empty when it may be offered as it is. */
    public static Optional<Reason> ofAuthor(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String n = name.strip();
        if (n.indexOf('@') >= 0) {
            return Optional.of(Reason.EMAIL_LOCAL_PART);
        }
        if (n.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        if (EMAIL_PARTS.matcher(n).matches() && n.codePoints().noneMatch(Character::isUpperCase)) {
            return Optional.of(Reason.EMAIL_LOCAL_PART);
        }
        if (n.codePoints().noneMatch(Character::isUpperCase)
                || n.chars().anyMatch(Character::isDigit)
                || ACCOUNT_NAMES.contains(n.toLowerCase(Locale.ROOT))) {
            return Optional.of(Reason.USER_NAME);
        }
        return Optional.empty();
    }

    private static int letters(String text) {
        return (int) text.codePoints().filter(Character::isLetter).count();
    }
}
