package org.alima.portal.api.accounts;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FirstAdminTest {

    @Test
    void acceptsAnEmailAndAPassphrase() {
        assertThatCode(() -> FirstAdmin.check("admin@example.org", "a long passphrase"))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnEmptyShortOrEmailLikePasswordNamingTheVariableAndTheRule() {
        assertThatThrownBy(() -> FirstAdmin.check("admin@example.org", ""))
                .hasMessageContaining("PORTAL_ADMIN_PASSWORD")
                .hasMessageContaining("at least 10 characters");
        assertThatThrownBy(() -> FirstAdmin.check("admin@example.org", "ADMIN@example.org"))
                .hasMessageContaining("PORTAL_ADMIN_PASSWORD")
                .hasMessageContaining("must not be the email address");
    }

    @Test
    void refusesAnAddressThatIsNotAnEmail() {
        assertThatThrownBy(() -> FirstAdmin.check("admin", "a long passphrase"))
                .hasMessageContaining("PORTAL_ADMIN_EMAIL");
    }
}
