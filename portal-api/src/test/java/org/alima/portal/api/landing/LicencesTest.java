package org.alima.portal.api.landing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LicencesTest {

    @Test
    void creativeCommonsNamesBecomeTheirDeeds() {
        assertThat(Licences.urlOf("CC-BY-4.0")).hasValue("https://creativecommons.org/licenses/by/4.0/");
        assertThat(Licences.urlOf("CC BY-NC-SA 4.0")).hasValue("https://creativecommons.org/licenses/by-nc-sa/4.0/");
        assertThat(Licences.urlOf("cc0-1.0")).hasValue("https://creativecommons.org/publicdomain/zero/1.0/");
    }

    @Test
    void anAddressIsItsOwnLinkAndOtherTermsHaveNone() {
        assertThat(Licences.urlOf("https://example.org/terms")).hasValue("https://example.org/terms");
        assertThat(Licences.urlOf("Internal use only")).isEmpty();
        assertThat(Licences.urlOf(null)).isEmpty();
    }
}
