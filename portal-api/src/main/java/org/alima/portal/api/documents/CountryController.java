package org.alima.portal.api.documents;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.text.Collator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.alima.portal.api.system.ProblemCatalogue;

/**
 * The countries a document may name, for forms that let a person choose them by name: every ISO 3166-1 alpha-2 code
 * the JDK knows (the list {@link MetadataValidators} accepts), named in the reader's language by the JDK's locale
 * data (CLDR) and sorted as that language sorts. Stateless and thread-safe.
 */
@Controller("/api/countries")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "documents")
class CountryController {

    /** The lists, one per language the portal speaks, computed once: they change only with the JDK. */
    private static final Map<Locale, List<Country>> LISTS = ProblemCatalogue.LANGUAGES.stream()
            .collect(Collectors.toUnmodifiableMap(language -> language, CountryController::countries));

    /**
     * A country.
     *
     * @param code ISO 3166-1 alpha-2, upper case: what documents store
     * @param name its name in the language asked for
     */
    @Serdeable
    record Country(String code, String name) {}

    /** Every country, by name in the language of {@code Accept-Language} (French or English; English otherwise). */
    @Operation(summary = "List the countries a document may name, by name in the reader's language")
    @Get
    HttpResponse<List<Country>> list(@Header(HttpHeaders.ACCEPT_LANGUAGE) @Nullable String acceptLanguage) {
        Locale language = ProblemCatalogue.languageOf(acceptLanguage);
        return HttpResponse.ok(LISTS.get(language))
                .header(HttpHeaders.CONTENT_LANGUAGE, language.getLanguage())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=86400");
    }

    /** The names of every country code the JDK knows, in {@code language}, sorted as that language sorts. */
    static List<Country> countries(Locale language) {
        Collator collator = Collator.getInstance(language);
        collator.setStrength(Collator.PRIMARY);
        return Arrays.stream(Locale.getISOCountries())
                .map(code -> new Country(
                        code, new Locale.Builder().setRegion(code).build().getDisplayCountry(language)))
                .sorted(Comparator.comparing(Country::name, collator))
                .toList();
    }
}
