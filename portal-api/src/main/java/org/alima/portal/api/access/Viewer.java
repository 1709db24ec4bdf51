package org.alima.portal.api.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /**
     * What a person may do, each role including the powers of those before it: a reader (anonymous) reads what is
     * published; a contributor uploads and edits their own drafts; a curator reviews, publishes and curates collections; an
     * admin also manages accounts, roles and tokens.
     */
    public enum Role {
        READER,
        CONTRIBUTOR,
        CURATOR,
        ADMIN;

        /** Names accepted for an account's role (a reader has no account). */
        public static final String ACCOUNT_ROLES = "contributor, curator or admin";

        /** The name used in JSON, in the database and in tokens: {@code contributor}. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        public boolean includes(Role other) {
            return compareTo(other) >= 0;
        }

        /**
         * The role names a signed-in account carries in its token: its own and every one it includes, so that
         * {@code @Secured("curator")} also admits admins.
         */
        public List<String> grantedNames() {
            List<String> names = new ArrayList<>();
            for (Role role : values()) {
                if (role != READER && includes(role)) {
                    names.add(role.value());
                }
            }
            return names;
        }

        /**
         * The account role named {@code value}.
         *
         * @throws IllegalArgumentException when it is not contributor, curator or admin
         */
        public static Role ofAccount(String value) {
            for (Role role : values()) {
                if (role != READER && role.value().equals(value)) {
                    return role;
                }
            }
            throw new IllegalArgumentException("unknown role '" + value + "': must be " + ACCOUNT_ROLES);
        }
    }
}
