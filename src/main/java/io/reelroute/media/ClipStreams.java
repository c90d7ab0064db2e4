package io.reelroute.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The stream facts the export steps (join, mix, reframe, frame check) need beyond {@link MediaInfo}: pixel format,
 * sample aspect, audio layout and the video stream's own length (a container's length includes longer audio).
 * {@link #of} asks ffprobe; {@link Mp4Header} gives the same facts from an MP4's index where it settles them.
 */
record ClipStreams(String videoCodec, int width, int height, String frameRate, double fps, String pixelFormat,
               String sampleAspect, double videoSeconds, String audioCodec, int sampleRate, int channels,
               String channelLayout) {
    private static final String ENTRIES = "format=duration:stream=codec_type,codec_name,width,height,r_frame_rate,"
            + "avg_frame_rate,pix_fmt,sample_aspect_ratio,sample_rate,channels,channel_layout,duration";

    /** @throws MediaException when the file cannot be read or has no video stream */
    static ClipStreams of(MediaProbe probe, Path clip) {
        JsonNode root = probe.probeJson(clip, ENTRIES);
        JsonNode video = MediaProbe.firstStream(root, "video");
        if (video.isMissingNode()) {
            throw new MediaException(clip.getFileName() + " has no video stream");
        }
        JsonNode audio = MediaProbe.firstStream(root, "audio");
        double seconds = MediaProbe.number(video, "duration");
        if (!(seconds > 0)) {
            seconds = MediaProbe.number(root.path("format"), "duration");
        }
        if (!(seconds > 0)) {
            throw new MediaException(clip.getFileName() + " has a video stream of unknown length");
        }
        // "0:1" and absent both mean "unknown", which players treat as square pixels
        String sar = video.path("sample_aspect_ratio").asText("1:1");
        if (sar.isEmpty() || sar.startsWith("0:")) {
            sar = "1:1";
        }
        boolean hasAudio = !audio.isMissingNode();
        return new ClipStreams(video.path("codec_name").asText(null), video.path("width").asInt(),
                video.path("height").asInt(), video.path("r_frame_rate").asText(""), MediaProbe.frameRate(video),
                video.path("pix_fmt").asText(""), sar, seconds, hasAudio ? audio.path("codec_name").asText("") : null,
                hasAudio ? audio.path("sample_rate").asInt() : 0, hasAudio ? audio.path("channels").asInt() : 0,
                hasAudio ? audio.path("channel_layout").asText("") : null);
    }

    boolean hasAudio() {
        return audioCodec != null;
    }

    /** Everything that must match for clips to be joined by stream copy without a glitch or drift. */
    record JoinKey(String videoCodec, int width, int height, String frameRate, String pixelFormat,
                   String sampleAspect, String audioCodec, int sampleRate, int channels, String channelLayout) {
    }

    JoinKey joinKey() {
        return new JoinKey(videoCodec, width, height, frameRate, pixelFormat, sampleAspect, audioCodec, sampleRate,
                channels, channelLayout);
    }

    /** Seconds as FFmpeg options take them, never in a locale with a decimal comma. */
    static String seconds(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
