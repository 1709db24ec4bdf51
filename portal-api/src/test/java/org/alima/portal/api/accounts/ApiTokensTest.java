package org.alima.portal.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void recognisesOnlyTheShapeOfAPersonalToken() {
        assertThat(ApiTokens.looksLike("pat_" + "aB3-_".repeat(8) + "xyz")).isTrue();

        assertThat(ApiTokens.looksLike(null)).isFalse();
        assertThat(ApiTokens.looksLike("pat_short")).isFalse();
        assertThat(ApiTokens.looksLike("pat_" + "a".repeat(44))).isFalse();
        assertThat(ApiTokens.looksLike("pat_" + "a".repeat(42) + "=")).isFalse();
        assertThat(ApiTokens.looksLike("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
                .isFalse();
    }
}
