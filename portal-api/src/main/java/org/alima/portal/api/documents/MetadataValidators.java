package org.alima.portal.api.documents;

import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import jakarta.inject.Singleton;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The validators of the document metadata's own constraints; stateless and thread-safe. */
@Factory
final class MetadataValidators {

    private static final Pattern ORCID = Pattern.compile("\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    @Singleton
    ConstraintValidator<Orcid, CharSequence> orcidValidator() {
        return (value, annotation, context) -> value == null || isOrcid(value.toString());
    }

    @Singleton
    ConstraintValidator<IsoCountry, CharSequence> countryValidator() {
        return (value, annotation, context) -> value == null || COUNTRIES.contains(value.toString());
    }

    @Singleton
    ConstraintValidator<CalendarDate, CharSequence> dateValidator() {
        return (value, annotation, context) -> value == null || isDate(value.toString());
    }

    /** ORCID's check character: ISO 7064 MOD 11-2 over the first 15 digits. */
    static boolean isOrcid(String value) {
        if (!ORCID.matcher(value).matches()) {
            return false;
        }
        String digits = value.replace("-", "");
        int total = 0;
        for (int i = 0; i < 15; i++) {
            total = (total + (digits.charAt(i) - '0')) * 2;
        }
        int result = (12 - total % 11) % 11;
        char expected = result == 10 ? 'X' : (char) ('0' + result);
        return digits.charAt(15) == expected;
    }

    static boolean isDate(String value) {
        if (!DATE.matcher(value).matches()) {
            return false;
        }
        try {
            int year = LocalDate.parse(value).getYear();
            return year >= 1000 && year <= 9999;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
