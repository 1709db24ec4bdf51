package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Secondary;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.handlers.RedirectingLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Ends a sign-in through an external provider by handing the browser the portal's own tokens, exactly those a
 * password sign-in gives, so that the web page and the API know one kind of session: a redirect to
 * {@code portal.accounts.oidc.signed-in-url} ({@code /#/signed-in} by default) with {@code access_token},
 * {@code refresh_token}, {@code token_type} and {@code expires_in} after {@code ?} <em>in the fragment</em>, which
 * browsers never send to a server nor put in a Referer; or with {@code error} and {@code error_description} when the
 * sign-in is refused. Thread-safe.
 *
 * <p>The web page leaving for the provider sets a per-tab nonce in its sessionStorage and in the cookie
 * {@value #NONCE_COOKIE} (path {@code /oauth}); the redirect hands it back as {@code signin_nonce} and clears the
 * cookie, and the page takes the tokens only with its own nonce, so that a link carrying someone else's tokens signs
 * no one in.
 *
 * <p>Secondary: the only redirecting login handler, used by Micronaut's OAuth controllers; the password sign-in and
 * the refresh endpoint keep the bearer handler that answers JSON.
 */
@Singleton
@Secondary
final class OidcLoginHandler implements RedirectingLoginHandler<HttpRequest<?>, MutableHttpResponse<?>> {

    /** The cookie the web page sets before leaving for a provider; the value it expects back. */
    static final String NONCE_COOKIE = "portal_signin_nonce";

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    private final AccessRefreshTokenGenerator tokens;
    private final String signedInUrl;

    OidcLoginHandler(
            AccessRefreshTokenGenerator tokens,
            @Value("${portal.accounts.oidc.signed-in-url:/#/signed-in}") String signedInUrl) {
        if (!signedInUrl.contains("#")) {
            throw new AccountConfigurationException("portal.accounts.oidc.signed-in-url must have a fragment ('#'),"
                    + " so that tokens never reach a server in a URL; got '" + signedInUrl + "'");
        }
        this.tokens = tokens;
        this.signedInUrl = signedInUrl;
    }

    @Override
    public MutableHttpResponse<?> loginSuccess(Authentication authentication, HttpRequest<?> request) {
        return signedIn(tokens.generate(authentication), request);
    }

    /** Not reached (renewals answer JSON, {@link RotatingLoginHandler}); rotates all the same. */
    @Override
    public MutableHttpResponse<?> loginRefresh(
            Authentication authentication, String refreshToken, HttpRequest<?> request) {
        return loginSuccess(authentication, request);
    }

    @Override
    public MutableHttpResponse<?> loginFailed(AuthenticationResponse failure, HttpRequest<?> request) {
        String code = failure.getMessage()
                .filter(message -> message.matches("[a-z-]{1,40}"))
                .orElse("sign-in-failed");
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", code);
        parameters.put("error_description", OidcSignIn.OidcRefusal.describe(code));
        return redirect(parameters, request);
    }

    private MutableHttpResponse<?> signedIn(java.util.Optional<AccessRefreshToken> generated, HttpRequest<?> request) {
        AccessRefreshToken issued =
                generated.orElseThrow(() -> new IllegalStateException("the token generator produced no token"));
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("access_token", issued.getAccessToken());
        parameters.put("refresh_token", issued.getRefreshToken());
        parameters.put("token_type", issued.getTokenType());
        parameters.put("expires_in", String.valueOf(issued.getExpiresIn()));
        return redirect(parameters, request);
    }

    /** To the web page with {@code parameters} and the tab's nonce, if its cookie holds one, which it clears. */
    private MutableHttpResponse<?> redirect(Map<String, String> parameters, HttpRequest<?> request) {
        request.getCookies()
                .findCookie(NONCE_COOKIE)
                .map(Cookie::getValue)
                .filter(nonce -> NONCE.matcher(nonce).matches())
                .ifPresent(nonce -> parameters.put("signin_nonce", nonce));
        String query = parameters.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpResponse.seeOther(URI.create(signedInUrl + (signedInUrl.contains("?") ? "&" : "?") + query))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer")
                .cookie(Cookie.of(NONCE_COOKIE, "").path("/oauth").maxAge(0));
    }
}
