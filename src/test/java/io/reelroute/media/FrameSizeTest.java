package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameSizeTest {

    @ParameterizedTest
    @CsvSource({
            "480p, 16:9, 854, 480", "480p, 9:16, 480, 854", "480p, 1:1, 480, 480",
            "720p, 16:9, 1280, 720", "720p, 9:16, 720, 1280", "720p, 1:1, 720, 720",
            "1080p, 16:9, 1920, 1080", "1080p, 9:16, 1080, 1920", "1080p, 1:1, 1080, 1080",
            "720p, horizontal, 1280, 720", "720p, vertical, 720, 1280", "720p, square, 720, 720",
            "1080P, ' Vertical ', 1080, 1920"})
    void sizes(String resolution, String aspect, int width, int height) {
        FrameSize size = FrameSize.of(resolution, aspect);
        assertThat(size).isEqualTo(new FrameSize(width, height));
        assertThat(size.width() % 2).isZero();
        assertThat(size.height() % 2).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4k", "480", "99p", "9999p", ""})
    void rejectsResolutionsItCannotMake(String resolution) {
        assertThatThrownBy(() -> FrameSize.of(resolution, "16:9")).isInstanceOfSatisfying(ReelrouteException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_PARAMETER);
            assertThat(e.field()).isEqualTo("resolution");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"4:3", "wide", ""})
    void rejectsOtherAspects(String aspect) {
        assertThatThrownBy(() -> FrameSize.of("720p", aspect)).isInstanceOfSatisfying(ReelrouteException.class,
                e -> assertThat(e.field()).isEqualTo("aspect"));
    }

    @ParameterizedTest
    @CsvSource({"1920, 1080, 16:9", "1080, 1920, 9:16", "500, 500, 1:1", "640, 480, 16:9", "480, 640, 9:16",
            "600, 500, 1:1", "500, 600, 1:1", "3000, 1000, 16:9", "1000, 3000, 9:16"})
    void nearestAspect(int width, int height, String aspect) {
        assertThat(FrameSize.nearestAspect(width, height)).isEqualTo(aspect);
    }
}
