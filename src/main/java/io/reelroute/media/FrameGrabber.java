package io.reelroute.media;

import io.reelroute.files.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Stills from a clip: the poster (first frame) and the exact last frame, which continues a story's next shot.
 *
 * <p>The last frame is found by seeking close to the end of the video stream and keeping the final decoded frame
 * ({@code -update 1} overwrites one image per decoded frame), so only a few frames after the nearest keyframe
 * are decoded. The obvious {@code -vf reverse} holds every frame of the clip in memory (measured: 2.8 GB for
 * 30 s of 1080p, see BENCHMARKS.md). When the window held no frame (a container that overstates the video's
 * end, e.g. a longer audio track and no per-stream duration) the window is widened, down to the whole clip.
 */
public final class FrameGrabber {
    /** A still and the FFmpeg time (ffprobe included) it took; {@code attempts} counts lastFrame's windows. */
    public record FrameGrab(Path image, Duration ffmpegTime, int attempts) {
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** First window: this many frame durations before the end. Each retry makes it this many times wider. */
    private static final int FIRST_WINDOW_FRAMES = 4;
    private static final int WIDEN_FACTOR = 4;
    private static final double FALLBACK_FPS = 30;
    private static final List<String> VIDEO_ONLY = List.of("-map", "0:v:0", "-an", "-sn", "-dn");

    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;

    public FrameGrabber(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
    }

    /** The first frame as a JPEG (the result's {@code poster.jpg}), published atomically at {@code jpgOut}. */
    public FrameGrab firstFrame(Path clip, Path jpgOut) {
        Path temp = AtomicFiles.tempSibling(jpgOut);
        try {
            List<String> args = new ArrayList<>(List.of("-i", clip.toAbsolutePath().toString()));
            args.addAll(VIDEO_ONLY);
            // -update 1: a single image, and a '%' in the folder name is not taken for a sequence pattern
            args.addAll(List.of("-frames:v", "1", "-q:v", "2", "-update", "1", "-f", "image2", "-c:v", "mjpeg",
                    temp.toString()));
            Duration took = ffmpeg.run(args, TIMEOUT).elapsed();
            requireImage(temp, clip);
            AtomicFiles.move(temp, jpgOut);
            return new FrameGrab(jpgOut, took, 1);
        } finally {
            AtomicFiles.discard(temp);
        }
    }

    /** The exact last frame as a PNG (the result's {@code last.png}), published atomically at {@code pngOut}. */
    public FrameGrab lastFrame(Path clip, Path pngOut) {
        long probeStarted = System.nanoTime();
        JsonNode info = probe.probeJson(clip, "format=start_time,duration:stream=codec_type,start_time,duration,avg_frame_rate,"
                + "r_frame_rate", "-select_streams", "v:0");
        Duration took = Duration.ofNanos(System.nanoTime() - probeStarted);
        JsonNode video = MediaProbe.firstStream(info, "video");
        if (video.isMissingNode()) {
            throw new MediaException(clip.getFileName() + " has no video stream");
        }
        double fps = MediaProbe.frameRate(video) > 0 ? MediaProbe.frameRate(video) : FALLBACK_FPS;
        double fileStart = orZero(MediaProbe.number(info.path("format"), "start_time"));
        double videoEnd = videoEnd(video, info.path("format"));
        Path temp = AtomicFiles.tempSibling(pngOut);
        try {
            double window = FIRST_WINDOW_FRAMES / fps;
            for (int attempt = 1; ; attempt++) {
                // -ss counts from the file's start time; the video stream may start later (or end earlier) than it
                double seek = Double.isNaN(videoEnd) ? 0 : videoEnd - fileStart - window;
                List<String> args = new ArrayList<>();
                if (seek > 0) {
                    args.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", seek)));
                }
                args.addAll(List.of("-i", clip.toAbsolutePath().toString()));
                args.addAll(VIDEO_ONLY);
                // passthrough: no frame dropped or duplicated to fit a frame rate; the last decoded frame is kept
                args.addAll(List.of("-fps_mode", "passthrough", "-update", "1", "-f", "image2", "-c:v", "png",
                        temp.toString()));
                took = took.plus(ffmpeg.run(args, TIMEOUT).elapsed());
                if (Files.isRegularFile(temp) && sizeOf(temp) > 0) {
                    AtomicFiles.move(temp, pngOut);
                    return new FrameGrab(pngOut, took, attempt);
                }
                if (seek <= 0) {
                    throw new MediaException("no video frame could be decoded from " + clip.getFileName());
                }
                window *= WIDEN_FACTOR;
            }
        } finally {
            AtomicFiles.discard(temp);
        }
    }

    /** Where the video stream ends: its own start + duration, else the file's (which may include longer audio). */
    private static double videoEnd(JsonNode video, JsonNode format) {
        double duration = MediaProbe.number(video, "duration");
        if (duration > 0) {
            double start = MediaProbe.number(video, "start_time");
            return (Double.isNaN(start) ? 0 : start) + duration;
        }
        double fileDuration = MediaProbe.number(format, "duration");
        return fileDuration > 0 ? orZero(MediaProbe.number(format, "start_time")) + fileDuration : Double.NaN;
    }

    private static void requireImage(Path image, Path clip) {
        if (!Files.isRegularFile(image) || sizeOf(image) == 0) {
            throw new MediaException("no video frame could be decoded from " + clip.getFileName());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }
}
