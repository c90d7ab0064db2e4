package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediaProbeTest {
    @TempDir
    Path dir;

    private final MediaProbe probe = new MediaProbe(TestMedia.ffmpeg());

    @Test
    void probesAClipWithSound() {
        Path clip = dir.resolve("with sound.mp4");
        TestMedia.ffmpeg().run(List.of("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1.2", "-f", "lavfi", "-i",
                "sine=duration=1.2", "-c:v", TestMedia.ffmpeg().h264Encoder(), "-pix_fmt", "yuv420p", "-c:a", "aac",
                clip.toString()), TestMedia.TIMEOUT);

        MediaInfo info = probe.probe(clip);

        assertThat(info.durationS()).isCloseTo(1.2, within(0.05));
        assertThat(info.width()).isEqualTo(320);
        assertThat(info.height()).isEqualTo(240);
        assertThat(info.fps()).isCloseTo(25, within(0.01));
        assertThat(info.hasAudio()).isTrue();
        assertThat(info.sizeBytes()).isEqualTo(clip.toFile().length());
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.audioCodec()).isEqualTo("aac");
    }

    @Test
    void probesAClipWithoutSound() {
        MediaInfo info = probe.probe(TestMedia.testClip(dir.resolve("silent.mp4"), 320, 240, 30, 1));
        assertThat(info.hasAudio()).isFalse();
        assertThat(info.audioCodec()).isNull();
        assertThat(info.fps()).isCloseTo(30, within(0.01));
        assertThat(info.durationS()).isCloseTo(1.0, within(0.001));
    }

    @Test
    void audioSecondsOfAVoiceTrack() {
        assertThat(probe.audioSeconds(TestMedia.tone(dir.resolve("voice.wav"), 1.5), "audio"))
                .isCloseTo(1.5, within(0.01));
    }

    @Test
    void aFileWithoutSoundIsInvalidAudio() {
        Path silent = TestMedia.testClip(dir.resolve("silent.mp4"), 320, 240, 30, 1);
        assertThatThrownBy(() -> probe.audioSeconds(silent, "audio"))
                .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.field()).isEqualTo("audio");
                    assertThat(e.getMessage()).isEqualTo("silent.mp4 has no audio stream");
                });
    }

    @Test
    void aFileThatIsNotMediaIsInvalidAudio() throws Exception {
        Path text = Files.writeString(dir.resolve("voice.mp3"), "this is not audio at all, just words");
        assertThatThrownBy(() -> probe.audioSeconds(text, "audio"))
                .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                    assertThat(e.field()).isEqualTo("audio");
                    assertThat(e.getMessage()).startsWith("voice.mp3 is not a readable audio file");
                });
    }

    @Test
    void anUnreadableClipIsAMediaException() throws Exception {
        Path broken = Files.write(dir.resolve("broken.mp4"), new byte[]{1, 2, 3, 4});
        assertThatThrownBy(() -> probe.probe(broken)).isInstanceOf(MediaException.class);
    }
}
