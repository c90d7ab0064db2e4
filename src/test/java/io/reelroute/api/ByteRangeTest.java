package io.reelroute.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

    @Test
    void noHeaderIsTheWholeFile() {
        assertThat(ByteRange.parse(null, 100)).isEmpty();
        assertThat(ByteRange.parse(" ", 100)).isEmpty();
    }

    @Test
    void closedOpenAndSuffixRanges() {
        assertThat(ByteRange.parse("bytes=0-9", 100)).contains(new ByteRange(0, 9));
        assertThat(ByteRange.parse("bytes=90-", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=90-500", 100)).as("the end is cut to the file").contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-10", 100)).contains(new ByteRange(90, 99));
        assertThat(ByteRange.parse("bytes=-500", 100)).contains(new ByteRange(0, 99));
        assertThat(new ByteRange(90, 99).contentRange(100)).isEqualTo("bytes 90-99/100");
        assertThat(new ByteRange(90, 99).length()).isEqualTo(10);
    }

    @Test
    void unsatisfiableRangesAre416() {
        for (String header : new String[] {"bytes=100-", "bytes=5-4", "bytes=-0", "items=0-1", "bytes=0-1,4-5",
                "bytes=a-b", "bytes=1"}) {
            assertThatThrownBy(() -> ByteRange.parse(header, 100)).as(header)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(416);
                        assertThat(e.headers()).containsEntry("Content-Range", "bytes */100");
                    });
        }
    }
}
