package io.reelroute.media;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code final-<aspect>.mp4} for another platform. The height is kept (a 720-high cut stays 720 high) and the
 * width follows the aspect, rounded to an even number: a narrower target is cropped around the centre of
 * interest, a wider one is padded with black bars around the centred picture. Audio is copied.
 */
public final class PlatformReframe {
    /** Centre of interest as fractions of the frame, 0..1 from the left and top; the crop keeps it in view. */
    public record Focus(double x, double y) {
        public static final Focus CENTRE = new Focus(0.5, 0.5);

        public Focus {
            if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
                throw new IllegalArgumentException("focus must lie in 0..1, not (" + x + ", " + y + ")");
            }
        }
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;

    public PlatformReframe(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
    }

    /** Around the centre of the frame. */
    public Path reframe(Path video, String aspect, Path out) {
        return reframe(video, aspect, Focus.CENTRE, out);
    }

    /**
     * @param aspect {@code 16:9}, {@code 9:16}, {@code 1:1} or the words {@link FrameSize#normalizeAspect} takes
     * @param out    published atomically
     */
    public Path reframe(Path video, String aspect, Focus focus, Path out) {
        String[] ratio = FrameSize.normalizeAspect(aspect).split(":");
        ClipStreams facts = ClipStreams.of(probe, video);
        FrameSize target = targetSize(facts.width(), facts.height(), Integer.parseInt(ratio[0]),
                Integer.parseInt(ratio[1]));
        int w = facts.width();
        int h = facts.height();
        String filter;
        if (target.width() <= w) {
            // crop: the window centred on the focus, slid back inside the frame when the focus is near an edge
            int x = clampEven(focus.x() * w - target.width() / 2.0, w - target.width());
            int y = clampEven(focus.y() * h - target.height() / 2.0, h - target.height());
            filter = String.format(Locale.ROOT, "crop=%d:%d:%d:%d", target.width(), target.height(), x, y);
        } else {
            filter = String.format(Locale.ROOT, "pad=%d:%d:(ow-iw)/2:(oh-ih)/2", target.width(), target.height());
        }
        int fps = (int) Math.max(1, Math.round(facts.fps()));
        List<String> args = new ArrayList<>(List.of("-i", video.toAbsolutePath().toString(), "-map", "0:v:0",
                "-map", "0:a:0?", "-vf", filter + ",setsar=1", "-c:a", "copy"));
        args.addAll(ffmpeg.mp4VideoArgs(target.width(), target.height(), fps));
        ffmpeg.runTo(args, out, TIMEOUT);
        return out;
    }

    /** Same height (made even), width from the aspect, even: 1280x720 to 9:16 gives 406x720 (405 rounded up). */
    static FrameSize targetSize(int width, int height, int aspectW, int aspectH) {
        int h = height / 2 * 2;
        int w = Math.max(2, 2 * (int) Math.round(h * (double) aspectW / aspectH / 2));
        return new FrameSize(w, h);
    }

    private static int clampEven(double offset, int max) {
        int clamped = (int) Math.max(0, Math.min(max, Math.round(offset)));
        return clamped / 2 * 2;
    }
}
