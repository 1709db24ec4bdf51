package org.alima.portal.api.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who is asking: an anonymous reader, or a signed-in account and its role. Immutable. Every decision about what a
 * request may see or change starts from one; a controller method receives it as a parameter ({@link Binder}).
 *
 * <p>A {@link Principal}, so that the OpenAPI description, like Micronaut's own binding of principals, treats it as who
 * is calling rather than as a query parameter.
 *
 * @param accountId the account, or null for an anonymous reader
 */
public record Viewer(@Nullable UUID accountId, Role role) implements Principal {

    public static final Viewer ANONYMOUS = new Viewer(null, Role.READER);

    public Viewer {
        Objects.requireNonNull(role, "role");
        if ((accountId == null) != (role == Role.READER)) {
            throw new IllegalArgumentException("a reader is anonymous and an account is never a reader");
        }
    }

    /** The viewer an authenticated request carries: its account id (the token's subject) and its highest role. */
    public static Viewer of(@Nullable Authentication authentication) {
        if (authentication == null) {
            return ANONYMOUS;
        }
        Role highest = Role.CONTRIBUTOR;
        for (String name : authentication.getRoles()) {
            for (Role role : Role.values()) {
                if (role != Role.READER && role.value().equals(name) && role.includes(highest)) {
                    highest = role;
                }
            }
        }
        return new Viewer(UUID.fromString(authentication.getName()), highest);
    }

    /** The account id, or {@code anonymous}. */
    @Override
    public String getName() {
        return accountId == null ? "anonymous" : accountId.toString();
    }

    public Optional<UUID> account() {
        return Optional.ofNullable(accountId);
    }

    public boolean isAnonymous() {
        return accountId == null;
    }

    public boolean isAtLeast(Role other) {
        return role.includes(other);
    }

    /** Whether this viewer is the account {@code owner}. */
    public boolean is(@Nullable UUID owner) {
        return accountId != null && accountId.equals(owner);
    }

    /**
     * Gives a controller method's {@link Viewer} parameter the viewer its request carries, from the authentication
     * that the security filter attached (none: {@link Viewer#ANONYMOUS}). Stateless and thread-safe.
     */
    @Singleton
    static final class Binder implements TypedRequestArgumentBinder<Viewer> {

        private static final Argument<Viewer> TYPE = Argument.of(Viewer.class);

        @Override
        public Argument<Viewer> argumentType() {
            return TYPE;
        }

        @Override
        public BindingResult<Viewer> bind(ArgumentConversionContext<Viewer> context, HttpRequest<?> request) {
            Viewer viewer =
                    Viewer.of(request.getUserPrincipal(Authentication.class).orElse(null));
            return () -> Optional.of(viewer);
        }
    }
}
