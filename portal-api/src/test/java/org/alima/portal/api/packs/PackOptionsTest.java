package org.alima.portal.api.packs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.alima.portal.api.system.InvalidInputException;
import org.junit.jupiter.api.Test;

class PackOptionsTest {

    @Test
    void includesEveryPdfByDefaultAndOnlyTheSmallOnesUnderALimit() {
        assertThat(PackOptions.of(null, null)).isEqualTo(PackOptions.DEFAULT);
        assertThat(PackOptions.DEFAULT.includes(Long.MAX_VALUE)).isTrue();
        PackOptions small = PackOptions.of("all", "1000");
        assertThat(small.includes(1000)).isTrue();
        assertThat(small.includes(1001)).isFalse();
        assertThat(PackOptions.of("none", null).includes(0)).isFalse();
    }

    @Test
    void namesEachChoiceForItsFolder() {
        assertThat(PackOptions.DEFAULT.key()).isEqualTo("all");
        assertThat(PackOptions.of("none", null).key()).isEqualTo("none");
        assertThat(PackOptions.of(null, "5000000").key()).isEqualTo("max-5000000");
    }

    @Test
    void refusesWhatItCannotReadNamingTheParameterAndTheFix() {
        assertThatThrownBy(() -> PackOptions.of("some", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("files")
                .hasMessageContaining("all")
                .hasMessageContaining("none");
        assertThatThrownBy(() -> PackOptions.of(null, "5MB"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("maxFileBytes")
                .hasMessageContaining("5000000");
        assertThatThrownBy(() -> PackOptions.of(null, "-1")).hasMessageContaining("maxFileBytes");
        assertThatThrownBy(() -> PackOptions.of("none", "10")).hasMessageContaining("files=none");
    }
}
