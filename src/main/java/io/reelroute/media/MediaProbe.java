package io.reelroute.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads media facts with {@code ffprobe -of json}; nothing is decoded. */
public final class MediaProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String ENTRIES = "format=duration,size,start_time"
            + ":stream=index,codec_type,codec_name,width,height,avg_frame_rate,r_frame_rate,start_time,duration";

    private final Ffmpeg ffmpeg;

    public MediaProbe(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** @throws MediaException when ffprobe cannot read the file */
    public MediaInfo probe(Path media) {
        JsonNode root = probeJson(media, ENTRIES);
        JsonNode video = firstStream(root, "video");
        JsonNode audio = firstStream(root, "audio");
        JsonNode format = root.path("format");
        double duration = number(format, "duration");
        if (Double.isNaN(duration)) {
            duration = Math.max(orZero(number(video, "duration")), orZero(number(audio, "duration")));
        }
        long size = format.hasNonNull("size") ? format.path("size").asLong() : sizeOf(media);
        return new MediaInfo(duration, video.path("width").asInt(0), video.path("height").asInt(0), frameRate(video),
                !audio.isMissingNode(), size, text(video, "codec_name"), text(audio, "codec_name"));
    }

    /**
     * Length of the first audio stream in seconds, for inputs such as a talking-avatar voice track.
     *
     * @param field the spec field the file came from, named in the error
     * @throws ReelrouteException {@code invalid_input} when the file has no readable audio stream
     */
    public double audioSeconds(Path audio, String field) {
        String name = String.valueOf(audio.getFileName());
        JsonNode root;
        try {
            root = probeJson(audio, ENTRIES, "-select_streams", "a:0");
        } catch (MediaException e) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT,
                    name + " is not a readable audio file (" + ProcessRunner.lastLine(e.stderrTail()) + ")", field, e);
        }
        JsonNode stream = firstStream(root, "audio");
        if (stream.isMissingNode()) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " has no audio stream", field);
        }
        double seconds = number(stream, "duration");
        if (!(seconds > 0)) {
            seconds = number(root.path("format"), "duration");
        }
        if (!(seconds > 0)) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, name + " has an audio stream of no length", field);
        }
        return seconds;
    }

    /** ffprobe's JSON for {@code -show_entries entries}, for callers in this package that need other fields. */
    JsonNode probeJson(Path media, String entries, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(extraArgs));
        args.addAll(List.of("-show_entries", entries, "-of", "json", media.toAbsolutePath().toString()));
        String out = ffmpeg.runProbe(args, TIMEOUT).stdout();
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new MediaException("ffprobe gave unreadable output for " + media + ": " + e.getMessage(), e);
        }
    }

    static JsonNode firstStream(JsonNode root, String codecType) {
        for (JsonNode stream : root.path("streams")) {
            if (codecType.equals(stream.path("codec_type").asText())) {
                return stream;
            }
        }
        return root.path("no-such-stream"); // a missing node: every lookup on it answers "absent"
    }

    /** ffprobe prints numbers as strings ("30.000000") and "N/A" when unknown; unknown becomes NaN. */
    static double number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** avg_frame_rate, else r_frame_rate, as "30000/1001"; "0/0" and absent give 0. */
    static double frameRate(JsonNode video) {
        for (String field : List.of("avg_frame_rate", "r_frame_rate")) {
            String[] parts = video.path(field).asText("0/0").split("/");
            try {
                double rate = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                        : Double.parseDouble(parts[0]);
                if (rate > 0 && Double.isFinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException ignored) {
                // try the next field
            }
        }
        return 0;
    }

    private static double orZero(double value) {
        return Double.isNaN(value) ? 0 : value;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static long sizeOf(Path media) {
        try {
            return Files.size(media);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
