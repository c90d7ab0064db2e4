package io.reelroute.media;

import io.reelroute.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the interest of a video lies, for cropping it to another aspect: the centroid of its detail (edge
 * strength) over up to {@value #SAMPLES} frames spread across it, read small ({@value #WIDTH}x{@value #HEIGHT}
 * grey). Flat areas (sky, walls, black bars) weigh nothing; faces, text and textures pull the crop to them.
 * A video without detail keeps the centre.
 */
public final class InterestPoint {
    static final int WIDTH = 96;
    static final int HEIGHT = 54;
    static final int SAMPLES = 8;
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;

    public InterestPoint(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
    }

    public PlatformReframe.Focus of(Path video) {
        double seconds = Math.max(0.1, probe.probe(video).durationS());
        Path raw = AtomicFiles.tempSibling(video.resolveSibling(video.getFileName() + ".interest"));
        try {
            ffmpeg.run(List.of("-i", video.toAbsolutePath().toString(), "-map", "0:v:0", "-vf",
                    "fps=" + ClipStreams.seconds(SAMPLES / seconds) + ",scale=" + WIDTH + ":" + HEIGHT + ",format=gray",
                    "-frames:v", String.valueOf(SAMPLES), "-f", "rawvideo", raw.toString()), TIMEOUT);
            return centroid(Files.readAllBytes(raw));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + raw, e);
        } finally {
            AtomicFiles.discard(raw);
        }
    }

    /** The detail-weighted centre of grey frames of {@value #WIDTH}x{@value #HEIGHT}, one after another. */
    static PlatformReframe.Focus centroid(byte[] frames) {
        int size = WIDTH * HEIGHT;
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int f = 0; f + size <= frames.length; f += size) {
            for (int y = 1; y < HEIGHT - 1; y++) {
                for (int x = 1; x < WIDTH - 1; x++) {
                    int i = f + y * WIDTH + x;
                    int gx = grey(frames, i + 1) - grey(frames, i - 1);
                    int gy = grey(frames, i + WIDTH) - grey(frames, i - WIDTH);
                    double energy = (double) gx * gx + (double) gy * gy;
                    sum += energy;
                    sx += energy * (x + 0.5);
                    sy += energy * (y + 0.5);
                }
            }
        }
        if (sum <= 0) {
            return PlatformReframe.Focus.CENTRE;
        }
        return new PlatformReframe.Focus(sx / sum / WIDTH, sy / sum / HEIGHT);
    }

    private static int grey(byte[] frames, int i) {
        return frames[i] & 0xff;
    }
}
