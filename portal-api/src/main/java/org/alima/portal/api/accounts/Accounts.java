package org.alima.portal.api.accounts;

import jakarta.inject.Singleton;
import java.util.List;
import org.alima.portal.api.system.InvalidInputException;

/** Creates accounts with checked passwords; thread-safe. */
@Singleton
final class Accounts {

    private final AccountRepository repository;
    private final Passwords passwords;

    Accounts(AccountRepository repository, Passwords passwords) {
        this.repository = repository;
        this.passwords = passwords;
    }

    /**
     * Creates a local account.
     *
     * @throws InvalidInputException naming {@code password} when it is too weak
     * @throws EmailTakenException when the email is taken
     */
    Account create(String email, String displayName, Role role, String password) {
        String weakness = Passwords.weakness(password, email);
        if (weakness != null) {
            throw InvalidInputException.of("password", weakness);
        }
        return repository.create(email.strip(), displayName.strip(), role, passwords.hash(password));
    }

    List<Account> list() {
        return repository.list();
    }
}
