package org.alima.portal.api.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void readsAClosedRange() {
        assertThat(ByteRange.parse("bytes=10-19", 100)).contains(new ByteRange(10, 19));
    }

    @Test
    void readsAnOpenRangeToTheEnd() {
        assertThat(ByteRange.parse("bytes=90-", 100)).contains(new ByteRange(90, 99));
    }

    @Test
    void readsASuffixRange() {
        assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 99));
    }

    @Test
    void clampsALastByteBeyondTheEnd() {
        assertThat(ByteRange.parse("bytes=50-1000", 100)).contains(new ByteRange(50, 99));
    }

    @Test
    void ignoresWhatIsNotOneByteRange() {
        assertThat(ByteRange.parse(null, 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isEmpty();
        assertThat(ByteRange.parse("items=0-1", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=-", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=20-10", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=99999999999999999999-", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=9999999999999999999-", 100)).isEmpty();
        assertThat(ByteRange.parse("bytes=-9999999999999999999", 100)).isEmpty();
    }

    @Test
    void refusesARangeStartingPastTheEnd() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=100-", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 100)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void writesTheContentRange() {
        assertThat(new ByteRange(10, 19).contentRange(100)).isEqualTo("bytes 10-19/100");
        assertThat(new ByteRange(10, 19).length()).isEqualTo(10);
    }
}
