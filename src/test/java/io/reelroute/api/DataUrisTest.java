package io.reelroute.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import org.junit.jupiter.api.Test;

class DataUrisTest {

    @Test
    void base64DataUrisDecodeWithTheirExtension() {
        DataUris.Decoded decoded = DataUris.decode("data:image/PNG;base64,aGVsbG8=", "image");
        assertThat(decoded.bytes()).containsExactly("hello".getBytes());
        assertThat(decoded.extension()).isEqualTo("png");
        assertThat(DataUris.decode("data:audio/mpeg;base64,aGk=", "audio").extension()).isEqualTo("mp3");
        assertThat(DataUris.isDataUri("DATA:image/png;base64,")).isTrue();
        assertThat(DataUris.isDataUri("https://x/y.png")).isFalse();
    }

    @Test
    void otherFormsAreInvalidInputOnTheirField() {
        for (String uri : new String[] {"data:image/png,plain", "data:text/plain;base64,aGk=",
                "data:image/png;base64,***", "data:image/png;base64"}) {
            assertThatThrownBy(() -> DataUris.decode(uri, "mask_image")).as(uri)
                    .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                        assertThat(e.field()).isEqualTo("mask_image");
                    });
        }
    }
}
