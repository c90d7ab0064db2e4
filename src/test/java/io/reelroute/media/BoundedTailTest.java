package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedTailTest {

    @Test
    void keepsEverythingUnderTheLimit() {
        BoundedTail tail = new BoundedTail(16);
        write(tail, "hello ");
        write(tail, "world");
        assertThat(tail.text()).isEqualTo("hello world");
        assertThat(tail.truncated()).isFalse();
    }

    @Test
    void keepsOnlyTheLastBytesAcrossManyWrites() {
        BoundedTail tail = new BoundedTail(10);
        for (int i = 0; i < 100; i++) {
            write(tail, i + ",");
        }
        assertThat(tail.text()).isEqualTo("6,97,98,99,".substring(1));
        assertThat(tail.truncated()).isTrue();
    }

    @Test
    void oneWriteLargerThanTheLimitKeepsItsEnd() {
        BoundedTail tail = new BoundedTail(4);
        write(tail, "ab");
        write(tail, "0123456789");
        assertThat(tail.text()).isEqualTo("6789");
    }

    private static void write(BoundedTail tail, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tail.write(bytes, 0, bytes.length);
    }
}
