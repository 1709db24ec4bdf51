package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.oauth2.configuration.OpenIdClientConfiguration;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Admits as a bearer token only a JWT that the portal issued for itself: issuer {@code micronaut.application.name} and
 * audience {@code portal.accounts.token-audience}, so that a token signed with the same key for another service is
 * refused.
 *
 * <p>Micronaut checks bearer tokens and an external provider's ID tokens with the same validators and keys (each
 * configured OpenID provider's JWKS becomes a key for both). Were a provider's keys and claims enough, an ID token of
 * Keycloak would open the API with the provider's subject as an account id. So a token of a configured provider's
 * issuer passes only while the provider's callback is handled ({@code micronaut.security.oauth2.callback-uri}), where
 * the OpenID client checks it against the provider's issuer, the client id and the nonce, and where a bearer token
 * grants nothing. Stateless and thread-safe.
 */
@Singleton
final class PortalTokenClaims implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private final String issuer;
    private final String audience;
    private final Set<String> providerIssuers;
    private final String callbackPrefix;

    PortalTokenClaims(
            @Value("${micronaut.application.name}") String issuer,
            @Value("${portal.accounts.token-audience:portal-api}") String audience,
            @Value("${micronaut.security.oauth2.callback-uri:/oauth/callback{/provider}}") String callbackUri,
            Collection<OauthClientConfiguration> providers) {
        this.issuer = issuer;
        this.audience = audience;
        int variable = callbackUri.indexOf('{');
        this.callbackPrefix = variable < 0 ? callbackUri : callbackUri.substring(0, variable);
        this.providerIssuers = providers.stream()
                .map(OauthClientConfiguration::getOpenid)
                .flatMap(openid -> openid.flatMap(OpenIdClientConfiguration::getIssuer).stream())
                .map(url -> withoutTrailingSlash(url.toString()))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public boolean validate(Claims claims, @Nullable HttpRequest<?> request) {
        Object tokenIssuer = claims.get(Claims.ISSUER);
        if (issuer.equals(tokenIssuer) && audiences(claims.get(Claims.AUDIENCE)).contains(audience)) {
            return true;
        }
        return tokenIssuer != null
                && providerIssuers.contains(withoutTrailingSlash(tokenIssuer.toString()))
                && (request == null || request.getPath().startsWith(callbackPrefix));
    }

    private static List<String> audiences(@Nullable Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(Objects::toString).toList();
        }
        return claim == null ? List.of() : List.of(claim.toString());
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
