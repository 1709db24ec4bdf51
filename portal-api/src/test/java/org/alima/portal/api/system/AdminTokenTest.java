package org.alima.portal.api.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AdminTokenTest {

    private static final String TOKEN = "a-secret-of-sufficient-length";

    @Test
    void refusesATokenTooShortToBeASecretAtStartup() {
        assertThatThrownBy(() -> new AdminToken("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16");
    }

    @Test
    void closesOperatorEndpointsWhenNoTokenIsConfigured() {
        assertThatThrownBy(() -> new AdminToken("").check(TOKEN))
                .isInstanceOfSatisfying(
                        AdminAccessException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(
                                        e.problem().code())
                                .isEqualTo("admin-disabled"));
    }

    @Test
    void refusesAMissingOrDifferentToken() {
        AdminToken token = new AdminToken(TOKEN);

        assertThatThrownBy(() -> token.check(null)).isInstanceOf(AdminAccessException.class);
        assertThatThrownBy(() -> token.check(TOKEN.substring(1))).isInstanceOf(AdminAccessException.class);
        assertThatThrownBy(() -> token.check(TOKEN + " ")).isInstanceOf(AdminAccessException.class);
    }

    @Test
    void acceptsTheConfiguredToken() {
        assertThatCode(() -> new AdminToken(TOKEN).check(TOKEN)).doesNotThrowAnyException();
    }
}
