package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.bearer.AccessRefreshTokenLoginHandler;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import jakarta.inject.Singleton;

/**
 * Micronaut's JSON answer to a sign-in and to {@code POST /api/auth/token}, except that a renewal hands out a new
 * refresh token with the new access token, instead of the one presented, which {@link RefreshTokens} has just used
 * up: refresh tokens rotate on every use. The new one belongs to the session of the one presented, carried by the
 * authentication ({@link SignIn#SESSION}). Thread-safe.
 *
 * <p>Rotation lives here, not in the token generator: the generator's {@code generate(authentication)} renders through
 * its own {@code generate(refreshToken, authentication)}, so a generator overriding the latter to mint a token would
 * call itself without end.
 */
@Singleton
@Replaces(AccessRefreshTokenLoginHandler.class)
final class RotatingLoginHandler extends AccessRefreshTokenLoginHandler {

    RotatingLoginHandler(AccessRefreshTokenGenerator tokens) {
        super(tokens);
    }

    @Override
    public MutableHttpResponse<?> loginRefresh(
            Authentication authentication, String refreshToken, HttpRequest<?> request) {
        return loginSuccess(authentication, request);
    }
}
