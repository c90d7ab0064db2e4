package io.reelroute.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the story's soundtrack under the final cut. The soundtrack is looped (or cut) to the video's exact length;
 * when the video has its own sound the soundtrack is lowered by {@value #UNDER_DB} dB and mixed in with
 * {@code amix normalize=0}, so the shots' own sound keeps its level. A fixed level rather than sidechain ducking:
 * generated shots carry continuous ambience rather than speech with pauses, where a compressor would only pump;
 * a fixed level is predictable and needs no tuning per story. The video stream is copied, never re-encoded.
 */
public final class SoundtrackMixer {
    static final int UNDER_DB = -12;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;

    public SoundtrackMixer(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
    }

    /** @param out published atomically; as long as the video, its video stream a copy of the video's */
    public Path mix(Path video, Path soundtrack, Path out) {
        ClipStreams facts = ClipStreams.of(probe, video);
        String length = ClipStreams.seconds(facts.videoSeconds());
        String stereo = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo";
        String graph;
        if (facts.hasAudio()) {
            graph = "[0:a:0]" + stereo + ",apad,atrim=end=" + length + "[own];"
                    + "[1:a:0]" + stereo + ",volume=" + UNDER_DB + "dB,atrim=end=" + length + "[music];"
                    + "[own][music]amix=inputs=2:duration=longest:normalize=0[a]";
        } else {
            graph = "[1:a:0]" + stereo + ",atrim=end=" + length + "[a]";
        }
        List<String> args = new ArrayList<>(List.of("-i", video.toAbsolutePath().toString(),
                // loop the soundtrack without end; atrim above cuts it at the video's length
                "-stream_loop", "-1", "-i", soundtrack.toAbsolutePath().toString(),
                "-filter_complex", graph, "-map", "0:v:0", "-map", "[a]", "-c:v", "copy",
                "-c:a", "aac", "-b:a", "192k", "-t", length, "-movflags", "+faststart", "-f", "mp4"));
        ffmpeg.runTo(args, out, TIMEOUT);
        return out;
    }
}
