package org.alima.portal.api;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.bind.ClientRequestUriContext;
import io.micronaut.http.client.bind.TypedClientArgumentRequestBinder;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;

/**
 * Sends a typed client's request as the {@link Viewer} it is given: with the access token of the test account that
 * viewer is, or none for {@link Viewer#ANONYMOUS}. The HTTP contracts take the viewer as an argument, which the server
 * binds from the token; a test names who is asking in the same place. Thread-safe.
 */
@Singleton
public final class ViewerTokens implements TypedClientArgumentRequestBinder<Viewer> {

    private static final Argument<Viewer> TYPE = Argument.of(Viewer.class);
    private static final Map<Viewer, String> TOKENS = new ConcurrentHashMap<>();

    /** The viewer a test account is, remembered with its token so that typed clients can send requests as it. */
    public static Viewer of(TestAccounts.Account account, Role role) {
        return of(account.id(), role, account.token());
    }

    /** The viewer the account {@code id} with {@code role} is, sending {@code token}. */
    public static Viewer of(String id, Role role, String token) {
        Viewer viewer = new Viewer(UUID.fromString(id), role);
        TOKENS.put(viewer, token);
        return viewer;
    }

    @Override
    public Argument<Viewer> argumentType() {
        return TYPE;
    }

    @Override
    public void bind(
            ArgumentConversionContext<Viewer> context,
            ClientRequestUriContext uriContext,
            Viewer viewer,
            MutableHttpRequest<?> request) {
        if (viewer == null || viewer.isAnonymous()) {
            return;
        }
        String token = TOKENS.get(viewer);
        if (token == null) {
            throw new IllegalArgumentException(
                    "no token is known for " + viewer + "; make the viewer with ViewerTokens.of(account, role)");
        }
        request.bearerAuth(token);
    }
}
