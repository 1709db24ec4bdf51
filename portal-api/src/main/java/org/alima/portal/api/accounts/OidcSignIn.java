package org.alima.portal.api.accounts;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.AsyncSingleResultPublisher;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.oauth2.endpoint.authorization.state.State;
import io.micronaut.security.oauth2.endpoint.token.response.DefaultOpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdAuthenticationMapper;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdClaims;
import io.micronaut.security.oauth2.endpoint.token.response.OpenIdTokenResponse;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.audit.AuditLog;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a person an external OpenID Connect provider vouched for into a portal account: the one linked to the
 * provider's subject; else the account with the same email, linked now, but only when the provider says it verified
 * that email (an unverified email claim would let anyone take over an account); else a new account with the configured
 * role ({@code portal.accounts.oidc.default-role}, contributor by default), again only on a verified email. The email
 * is the {@code email} claim alone, never {@code preferred_username}. Micronaut has already checked the ID
 * token's signature, issuer, audience, expiry and nonce. Thread-safe.
 */
@Singleton
@Replaces(DefaultOpenIdAuthenticationMapper.class)
class OidcSignIn implements OpenIdAuthenticationMapper {

    private static final Logger LOG = LoggerFactory.getLogger(OidcSignIn.class);

    private final AccountRepository accounts;
    private final AuditLog audit;
    private final ExecutorService blocking;
    private final Role defaultRole;

    OidcSignIn(
            AccountRepository accounts,
            AuditLog audit,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            @Value("${portal.accounts.oidc.default-role:contributor}") String defaultRole) {
        this.accounts = accounts;
        this.audit = audit;
        this.blocking = blocking;
        try {
            this.defaultRole = Role.ofAccount(defaultRole);
        } catch (IllegalArgumentException e) {
            throw new AccountConfigurationException("portal.accounts.oidc.default-role (PORTAL_OIDC_DEFAULT_ROLE) is '"
                    + defaultRole + "': it must be " + Role.ACCOUNT_ROLES);
        }
    }

    @Override
    public Publisher<AuthenticationResponse> createAuthenticationResponse(
            String provider, OpenIdTokenResponse tokenResponse, OpenIdClaims claims, @Nullable State state) {
        Identity identity = Identity.of(claims);
        return new AsyncSingleResultPublisher<>(blocking, () -> authenticate(provider, identity));
    }

    private AuthenticationResponse authenticate(String provider, Identity identity) {
        try {
            Account account = account(provider, identity);
            return AuthenticationResponse.success(
                    account.id().toString(),
                    account.role().grantedNames(),
                    SignIn.authentication(account, UUID.randomUUID()).getAttributes());
        } catch (RefusedException refusal) {
            LOG.info("Refused sign-in through {} of subject {}: {}", provider, identity.subject(), refusal.code());
            return AuthenticationResponse.failure(refusal.code());
        } catch (EmailTakenException raced) {
            // Another first sign-in of the same person created the account meanwhile: it is linked now.
            return accounts.findByProvider(provider, identity.subject())
                    .filter(account -> !account.disabled())
                    .map(account -> AuthenticationResponse.success(
                            account.id().toString(),
                            account.role().grantedNames(),
                            SignIn.authentication(account, UUID.randomUUID()).getAttributes()))
                    .orElseGet(() -> AuthenticationResponse.failure(OidcRefusal.EMAIL_TAKEN.code()));
        }
    }

    /** The account for {@code identity}, found, linked or created. */
    @Transactional
    Account account(String provider, Identity identity) {
        Optional<Account> linked = accounts.findByProvider(provider, identity.subject());
        if (linked.isPresent()) {
            return enabled(linked.get());
        }
        if (identity.email() == null) {
            throw OidcRefusal.NO_EMAIL.exception();
        }
        Optional<Account> sameEmail = accounts.findByEmail(identity.email());
        if (sameEmail.isPresent()) {
            Account account = sameEmail.get();
            if (!identity.emailVerified()) {
                throw OidcRefusal.EMAIL_UNVERIFIED.exception();
            }
            if (accounts.providerOf(account.id()).isPresent()) {
                throw OidcRefusal.LINKED_ELSEWHERE.exception();
            }
            enabled(account);
            accounts.link(account.id(), provider, identity.subject());
            audit.record(
                    new Viewer(account.id(), account.role()),
                    "account.link",
                    "account",
                    account.id().toString(),
                    Map.of("provider", provider, "subject", identity.subject()));
            return account;
        }
        if (!identity.emailVerified()) {
            // An email the provider has not verified may be anyone's: no account is made on it.
            throw OidcRefusal.EMAIL_UNVERIFIED.exception();
        }
        Account created = accounts.create(
                identity.email(), identity.displayName(), defaultRole, null, provider, identity.subject());
        audit.record(
                new Viewer(created.id(), created.role()),
                "account.create",
                "account",
                created.id().toString(),
                Map.of("email", created.email(), "role", created.role().value(), "via", "oidc:" + provider));
        return created;
    }

    private static Account enabled(Account account) {
        if (account.disabled()) {
            throw OidcRefusal.ACCOUNT_DISABLED.exception();
        }
        return account;
    }

    /**
     * What the portal needs of the provider's claims.
     *
     * @param email the {@code email} claim, else a {@code preferred_username} that is an email, else null
     */
    record Identity(String subject, @Nullable String email, boolean emailVerified, String displayName) {

        static Identity of(OpenIdClaims claims) {
            String email = claims.getEmail();
            if (email != null && (email.length() > 320 || !email.matches("[^@\\s]+@[^@\\s]+"))) {
                email = null;
            }
            String name = firstNonBlank(
                    claims.getName(),
                    claims.getPreferredUsername(),
                    email == null ? null : email.substring(0, email.indexOf('@')),
                    claims.getSubject());
            if (name.length() > 200) {
                name = name.substring(0, 200);
            }
            return new Identity(
                    claims.getSubject(),
                    email == null ? null : email.strip(),
                    Boolean.TRUE.equals(claims.isEmailVerified()),
                    name.strip());
        }

        private static String firstNonBlank(String... values) {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    return value;
                }
            }
            return "Unnamed";
        }
    }

    /** Why a provider's sign-in does not give an account; the code reaches the web page as {@code error}. */
    enum OidcRefusal {
        ACCOUNT_DISABLED("account-disabled"),
        NO_EMAIL("no-email"),
        EMAIL_UNVERIFIED("email-unverified"),
        EMAIL_TAKEN("email-taken"),
        LINKED_ELSEWHERE("linked-elsewhere");

        private final String code;

        OidcRefusal(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }

        RefusedException exception() {
            return new RefusedException(this);
        }

        String describe() {
            return switch (this) {
                case ACCOUNT_DISABLED -> "this account is disabled; ask an administrator";
                case NO_EMAIL -> "the provider gave no email address; allow the portal to read it (scope email)";
                case EMAIL_UNVERIFIED ->
                    "the provider has not verified this email address; verify it with the provider, or sign in"
                            + " with the portal's password";
                case EMAIL_TAKEN -> "an account with this email exists; sign in with its password";
                case LINKED_ELSEWHERE ->
                    "the account with this email signs in through another provider identity; use that one";
            };
        }

        static String describe(String code) {
            for (OidcRefusal refusal : values()) {
                if (refusal.code.equals(code)) {
                    return refusal.describe();
                }
            }
            return "the provider's sign-in could not be completed; try again";
        }
    }

    /** A refusal, thrown out of the transaction so that nothing half done is kept. */
    static final class RefusedException extends RuntimeException {

        private final OidcRefusal refusal;

        RefusedException(OidcRefusal refusal) {
            super(refusal.describe());
            this.refusal = refusal;
        }

        String code() {
            return refusal.code();
        }
    }
}
