package io.reelroute.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The story's {@code preview.mp4}: one still per shot, each shown for its shot's length, made before any paid
 * generation. Each still covers the frame (scaled to fill it, the overflow cropped around the centre): the
 * stills are made for the story's aspect, so the crop is a few pixels at most, and a preview with bars would
 * look unlike the final video. Each still lasts a whole number of frames (its seconds rounded to the nearest
 * frame), so the total is the sum of the seconds within half a frame per still. Silent: it shows timing only.
 */
public final class Slideshow {
    /** @param seconds how long the still is shown, more than 0 */
    public record Still(Path image, double seconds) {
        public Still {
            if (!(seconds > 0)) {
                throw new IllegalArgumentException("a still is shown for more than 0 s, not " + seconds);
            }
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Ffmpeg ffmpeg;

    public Slideshow(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** @param out published atomically */
    public Path make(List<Still> stills, FrameSize size, int fps, Path out) {
        if (stills.isEmpty()) {
            throw new IllegalArgumentException("a slideshow needs at least one still");
        }
        List<String> args = new ArrayList<>();
        StringBuilder graph = new StringBuilder();
        StringBuilder inputs = new StringBuilder();
        for (int i = 0; i < stills.size(); i++) {
            Still still = stills.get(i);
            long frames = Math.max(1, Math.round(still.seconds() * fps));
            // -loop 1 repeats the picture; trim ends the segment at an exact frame count
            args.addAll(List.of("-loop", "1", "-framerate", String.valueOf(fps), "-t",
                    ClipStreams.seconds((frames + 1.0) / fps), "-i", still.image().toAbsolutePath().toString()));
            graph.append(String.format(Locale.ROOT, "[%d:v:0]scale=%d:%d:force_original_aspect_ratio=increase,"
                            + "crop=%d:%d,setsar=1,format=yuv420p,trim=end_frame=%d,setpts=PTS-STARTPTS[v%d];", i,
                    size.width(), size.height(), size.width(), size.height(), frames, i));
            inputs.append("[v").append(i).append(']');
        }
        graph.append(inputs).append("concat=n=").append(stills.size()).append(":v=1:a=0[v]");
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[v]"));
        args.addAll(ffmpeg.mp4VideoArgs(size.width(), size.height(), fps));
        ffmpeg.runTo(args, out, TIMEOUT);
        return out;
    }
}
