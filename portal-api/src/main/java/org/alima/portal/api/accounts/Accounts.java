package org.alima.portal.api.accounts;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.alima.portal.api.access.Viewer;
import org.alima.portal.api.access.Viewer.Role;
import org.alima.portal.api.audit.AuditLog;
import org.alima.portal.api.system.InvalidInputException;
import org.alima.portal.api.system.NotFoundException;

/**
 * Creates and changes accounts, each change recorded in the audit log in its own transaction; thread-safe.
 *
 * <p>Passwords are hashed before a transaction begins: Argon2id takes tens of milliseconds, which a held database
 * connection should not wait for.
 */
@Singleton
class Accounts {

    private final AccountRepository repository;
    private final Passwords passwords;
    private final ApiTokens apiTokens;
    private final SignIn signIn;
    private final AuditLog audit;

    Accounts(AccountRepository repository, Passwords passwords, ApiTokens apiTokens, SignIn signIn, AuditLog audit) {
        this.repository = repository;
        this.passwords = passwords;
        this.apiTokens = apiTokens;
        this.signIn = signIn;
        this.audit = audit;
    }

    /**
     * Creates a local account.
     *
     * @param via how it came to be, for the audit log: {@code admin}, {@code configuration}
     * @throws InvalidInputException naming {@code password} when it is too weak
     * @throws EmailTakenException when the email is taken
     */
    Account create(Viewer actor, String email, String displayName, Role role, String password, String via) {
        String weakness = Passwords.weakness(password, email);
        if (weakness != null) {
            throw InvalidInputException.of("password", weakness);
        }
        return insert(actor, email.strip(), displayName.strip(), role, passwords.hash(password), via);
    }

    @Transactional
    Account insert(Viewer actor, String email, String displayName, Role role, String passwordHash, String via) {
        Account account = repository.create(email, displayName, role, passwordHash, null, null);
        audit.record(
                actor,
                "account.create",
                "account",
                account.id().toString(),
                Map.of("email", email, "role", role.value(), "via", via));
        return account;
    }

    List<Account> list() {
        return repository.list();
    }

    Optional<Account> find(UUID id) {
        return repository.findById(id);
    }

    /**
     * Changes what {@code change} gives (a null field stays as it is). Disabling revokes the account's refresh tokens
     * and API tokens: it can no longer renew an access token nor call with a script's token.
     *
     * @throws NotFoundException when no account has this id
     * @throws LastAdminException when the change would leave no enabled administrator
     */
    @Transactional
    Account update(Viewer actor, UUID id, AccountChange change) {
        // Locked first and in this order everywhere: concurrent changes to administrators are serialised.
        List<UUID> admins = repository.lockEnabledAdmins();
        Account before = repository.lock(id).orElseThrow(() -> noSuchAccount(id));
        Role role = change.role() == null ? before.role() : Role.ofAccount(change.role());
        boolean disabled = change.disabled() == null ? before.disabled() : change.disabled();
        String displayName = change.displayName() == null
                ? before.displayName()
                : change.displayName().strip();
        boolean remainsAdmin = role == Role.ADMIN && !disabled;
        if (admins.contains(id) && !remainsAdmin && admins.size() == 1) {
            throw new LastAdminException();
        }
        Account after = repository.update(id, role, disabled, displayName);
        String target = id.toString();
        if (role != before.role()) {
            audit.record(
                    actor,
                    "account.role_change",
                    "account",
                    target,
                    Map.of("from", before.role().value(), "to", role.value()));
        }
        if (disabled && !before.disabled()) {
            int refresh = repository.revokeRefreshTokens(id, null);
            int api = apiTokens.revokeAll(id);
            audit.record(
                    actor,
                    "account.disable",
                    "account",
                    target,
                    Map.of("refreshTokensRevoked", refresh, "apiTokensRevoked", api));
        } else if (!disabled && before.disabled()) {
            audit.record(actor, "account.enable", "account", target, Map.of());
        }
        if (!displayName.equals(before.displayName())) {
            audit.record(
                    actor,
                    "account.rename",
                    "account",
                    target,
                    Map.of("from", before.displayName(), "to", displayName));
        }
        return after;
    }

    /**
     * Changes the caller's own password and ends their other sessions (their refresh tokens but the one of
     * {@code session}). Wrong current passwords count as failed sign-ins.
     *
     * @throws InvalidInputException naming {@code newPassword} when it is too weak or the same as the current one
     * @throws WrongPasswordException when {@code current} is not the password
     * @throws TooManyAttemptsException after too many wrong passwords
     * @throws NoLocalPasswordException for an account that signs in through an external provider
     */
    void changePassword(UUID id, @Nullable UUID session, String current, String next, String address) {
        Account account = repository.findById(id).orElseThrow(() -> noSuchAccount(id));
        if (account.passwordHash() == null) {
            throw new NoLocalPasswordException();
        }
        String weakness = Passwords.weakness(next, account.email());
        if (weakness != null) {
            throw InvalidInputException.of("newPassword", weakness);
        }
        try {
            signIn.checkPassword(Optional.of(account), account.email(), current, address, "password_change");
        } catch (BadCredentialsException wrong) {
            throw new WrongPasswordException();
        }
        if (next.equals(current)) {
            throw InvalidInputException.of("newPassword", "must differ from the current password");
        }
        storePassword(new Viewer(id, account.role()), id, passwords.hash(next), session);
    }

    @Transactional
    void storePassword(Viewer actor, UUID id, String passwordHash, @Nullable UUID keepSession) {
        repository.setPasswordHash(id, passwordHash);
        int ended = repository.revokeRefreshTokens(id, keepSession);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("otherSessionsEnded", ended);
        audit.record(actor, "account.password_change", "account", id.toString(), detail);
    }

    static NotFoundException noSuchAccount(UUID id) {
        return new NotFoundException("no account has the id " + id + "; list them with GET /api/admin/accounts");
    }
}
