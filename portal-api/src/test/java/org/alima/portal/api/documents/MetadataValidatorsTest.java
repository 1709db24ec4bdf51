package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetadataValidatorsTest {

    @Test
    void acceptsOrcidIdsWithTheirCheckCharacter() {
        assertThat(MetadataValidators.isOrcid("0000-0002-1825-0097")).isTrue();
        assertThat(MetadataValidators.isOrcid("0000-0002-1694-233X")).isTrue();
    }

    @Test
    void refusesOrcidIdsWithAWrongCheckCharacterOrShape() {
        assertThat(MetadataValidators.isOrcid("0000-0002-1825-0098")).isFalse();
        assertThat(MetadataValidators.isOrcid("https://orcid.org/0000-0002-1825-0097"))
                .isFalse();
        assertThat(MetadataValidators.isOrcid("0000000218250097")).isFalse();
    }

    @Test
    void acceptsOnlyDatesThatExist() {
        assertThat(MetadataValidators.isDate("2024-02-29")).isTrue();
        assertThat(MetadataValidators.isDate("2023-02-29")).isFalse();
        assertThat(MetadataValidators.isDate("2023-13-01")).isFalse();
        assertThat(MetadataValidators.isDate("0999-01-01")).isFalse();
        assertThat(MetadataValidators.isDate("2023-1-1")).isFalse();
    }
}
