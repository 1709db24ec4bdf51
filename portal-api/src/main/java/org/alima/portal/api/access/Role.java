package org.alima.portal.api.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
