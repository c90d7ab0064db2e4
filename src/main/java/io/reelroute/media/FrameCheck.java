package io.reelroute.media;

import io.reelroute.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a last-frame PNG before a story's next shot starts from it (last-frame continuity). Usable means:
 * <ol>
 *   <li>it is the clip's final frame: equal, in grey levels, to a fresh decode of the last frame by
 *       {@link FrameGrabber#lastFrame} (both are lossless PNGs, so a mean difference above
 *       {@value #SAME_FRAME} of 255 means a different frame, a different size always does);</li>
 *   <li>it is not black: mean luma above {@value #BLACK_LUMA} of 255 (a fade-out ending gives the next shot
 *       nothing to continue from);</li>
 *   <li>it does not repeat the frame about {@value #FROZEN_TAIL_S} s earlier: a frozen tail means the model
 *       stopped moving, and the next shot would continue a still picture.</li>
 * </ol>
 */
public final class FrameCheck {
    /** @param reason {@code ok}, else what is wrong: starts with "not the last frame", "black" or "duplicate" */
    public record FrameVerdict(boolean usable, String reason) {
    }

    static final double SAME_FRAME = 1.0;
    static final double BLACK_LUMA = 10.0;
    static final double FROZEN_TAIL_S = 1.0;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;
    private final FrameGrabber grabber;

    public FrameCheck(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
        this.grabber = new FrameGrabber(ffmpeg);
    }

    /** @throws MediaException when the clip or the PNG cannot be decoded at all */
    public FrameVerdict verify(Path clip, Path lastFramePng) {
        Path work = AtomicFiles.tempSibling(lastFramePng.resolveSibling(lastFramePng.getFileName() + ".check"));
        try {
            Files.createDirectories(work);
            byte[] given = grey(List.of("-i", lastFramePng.toAbsolutePath().toString()), work.resolve("given.gray"));
            Path truth = grabber.lastFrame(clip, work.resolve("last.png")).image();
            byte[] last = grey(List.of("-i", truth.toString()), work.resolve("last.gray"));
            if (given.length != last.length) {
                return new FrameVerdict(false, "not the last frame: the picture's size differs from the clip's");
            }
            double difference = meanDifference(given, last);
            if (difference > SAME_FRAME) {
                return new FrameVerdict(false, String.format(java.util.Locale.ROOT,
                        "not the last frame: differs from it by %.1f grey levels on average", difference));
            }
            double luma = mean(given);
            if (luma <= BLACK_LUMA) {
                return new FrameVerdict(false, String.format(java.util.Locale.ROOT,
                        "black: mean luma %.1f of 255", luma));
            }
            double end = ClipStreams.of(probe, clip).videoSeconds();
            if (end > FROZEN_TAIL_S) {
                // accurate seek (-ss before -i while decoding) lands on the frame shown at that time
                // through a PNG like the last frame, so both go through the same colour conversions
                Path earlierPng = work.resolve("earlier.png");
                ffmpeg.run(List.of("-ss", ClipStreams.seconds(end - FROZEN_TAIL_S), "-i", clip.toAbsolutePath().toString(),
                        "-map", "0:v:0", "-frames:v", "1", "-update", "1", "-f", "image2", "-c:v", "png",
                        earlierPng.toString()), TIMEOUT);
                byte[] earlier = grey(List.of("-i", earlierPng.toString()), work.resolve("earlier.gray"));
                if (earlier.length == given.length && meanDifference(earlier, given) <= SAME_FRAME) {
                    return new FrameVerdict(false, "duplicate: the last frame repeats the frame "
                            + FROZEN_TAIL_S + " s before the end (the clip ends frozen)");
                }
            }
            return new FrameVerdict(true, "ok");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check " + lastFramePng, e);
        } finally {
            AtomicFiles.deleteTree(work);
        }
    }

    /** One picture as 8-bit grey levels (full range), raw. */
    private byte[] grey(List<String> input, Path raw) throws IOException {
        List<String> args = new ArrayList<>(input);
        args.addAll(List.of("-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", raw.toString()));
        ffmpeg.run(args, TIMEOUT);
        return Files.readAllBytes(raw);
    }

    static double meanDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return a.length == 0 ? 0 : (double) sum / a.length;
    }

    static double mean(byte[] pixels) {
        long sum = 0;
        for (byte pixel : pixels) {
            sum += pixel & 0xff;
        }
        return pixels.length == 0 ? 0 : (double) sum / pixels.length;
    }
}
