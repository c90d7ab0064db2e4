package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoundtrackMixerTest {
    private static final double FRAME = 1 / 25.0;

    @TempDir
    Path dir;

    private final SoundtrackMixer mixer = new SoundtrackMixer(TestMedia.ffmpeg());

    @Test
    void aShortSoundtrackIsLoopedUnderAVideoWithItsOwnSound() {
        Path video = ExportTestMedia.clipWithTone(dir.resolve("cut.mp4"), 320, 240, 25, 2, 48000);
        Path music = TestMedia.tone(dir.resolve("music.wav"), 0.7);

        Path out = mixer.mix(video, music, dir.resolve("final.mp4"));

        assertMixed(video, out);
    }

    @Test
    void aLongSoundtrackIsCutToASilentVideo() {
        Path video = TestMedia.testClip(dir.resolve("cut.mp4"), 320, 240, 25, 1.5);
        Path music = TestMedia.tone(dir.resolve("music.wav"), 4);

        Path out = mixer.mix(video, music, dir.resolve("final.mp4"));

        assertMixed(video, out);
    }

    private static void assertMixed(Path video, Path out) {
        double length = ExportTestMedia.streamSeconds(video, "video");
        assertThat(ExportTestMedia.streamSeconds(out, "video")).isCloseTo(length, within(FRAME));
        assertThat(ExportTestMedia.streamSeconds(out, "audio")).as("soundtrack fills the cut, no longer")
                .isCloseTo(length, within(FRAME));
        assertThat(ExportTestMedia.videoPacketHash(out)).as("video stream copied")
                .isEqualTo(ExportTestMedia.videoPacketHash(video));
    }
}
