package io.reelroute.media;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished local-preview render.
 *
 * @param video      the MP4 (the request's output path)
 * @param ffmpegTime wall time spent in FFmpeg and ffprobe children, to tell apart from the service's own time
 * @param cameraMove the {@link CameraMove#wireName()} used; {@code static} for title cards and talking avatars
 */
public record RenderResult(Path video, Duration ffmpegTime, String cameraMove) {
}
