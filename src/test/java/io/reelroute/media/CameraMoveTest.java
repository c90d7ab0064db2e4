package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class CameraMoveTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Slow pan left across the harbour | PAN_LEFT",
            "the camera pans to the left | PAN_LEFT",
            "Pan right over the fields | PAN_RIGHT",
            "panning right, golden light | PAN_RIGHT",
            "tilt up to the sky | TILT_UP",
            "Tilt-down onto the street | TILT_DOWN",
            "zoom in on the face | ZOOM_IN",
            "slow push-in | ZOOM_IN",
            "camera pushes in | ZOOM_IN",
            "zoom out to reveal the city | ZOOM_OUT",
            "pull out slowly | ZOOM_OUT",
            "push out | ZOOM_OUT",
            "static shot of a lighthouse | STATIC",
            "Locked-off camera, waves | STATIC",
            "still frame, rain falling | STATIC",
            "A woman walks through a market | GENTLE_PUSH_IN",
            "panorama of the mountains | GENTLE_PUSH_IN",
            "a zoom lens on a tripod | GENTLE_PUSH_IN",
            "Pan left, then zoom in | PAN_LEFT",
            "zoom in, then pan left | ZOOM_IN"})
    void readsTheCameraWordsOfAPrompt(String prompt, CameraMove expected) {
        assertThat(CameraMove.fromPrompt(prompt)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noPromptGivesTheGentlePushIn(String prompt) {
        assertThat(CameraMove.fromPrompt(prompt)).isEqualTo(CameraMove.GENTLE_PUSH_IN);
    }

    @Test
    void wireNamesAreKebabCase() {
        assertThat(CameraMove.PAN_LEFT.wireName()).isEqualTo("pan-left");
        assertThat(CameraMove.GENTLE_PUSH_IN.wireName()).isEqualTo("gentle-push-in");
    }

    @Test
    void zoompanOptionsGoFromStartToEndOverTheFrames() {
        assertThat(CameraMove.PAN_RIGHT.zoompanOptions(61)).containsExactly(
                "z=(1.150000+(0.000000)*on/60)",
                "x=(iw-iw/zoom)*(0.000000+(1.000000)*on/60)",
                "y=(ih-ih/zoom)*(0.500000+(0.000000)*on/60)");
        assertThat(CameraMove.ZOOM_OUT.zoompanOptions(1).get(0)).isEqualTo("z=(1.300000+(-0.300000)*on/1)");
    }
}
