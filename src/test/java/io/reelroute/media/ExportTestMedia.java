package io.reelroute.media;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Clips with sound and stream lengths for the export tests (join, mix, reframe, frame check). */
final class ExportTestMedia {
    private ExportTestMedia() {
    }

    /** testsrc2 video with a sine tone of the same length, AAC, as our pipeline would make it. */
    static Path clipWithTone(Path file, int width, int height, int fps, double seconds, int sampleRate) {
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "testsrc2=s=" + width + "x" + height + ":r=" + fps + ":d=" + seconds, "-f", "lavfi", "-i",
                "sine=frequency=440:sample_rate=" + sampleRate + ":duration=" + seconds, "-c:a", "aac", "-ac", "2"));
        args.addAll(TestMedia.ffmpeg().mp4VideoArgs(width, height, fps));
        args.add(file.toString());
        TestMedia.ffmpeg().run(args, TestMedia.TIMEOUT);
        return file;
    }

    static ClipStreams streams(Path media) {
        return ClipStreams.of(new MediaProbe(TestMedia.ffmpeg()), media);
    }

    /** Duration of the first stream of a type ("video", "audio"), NaN when absent. */
    static double streamSeconds(Path media, String type) {
        JsonNode root = new MediaProbe(TestMedia.ffmpeg()).probeJson(media,
                "stream=codec_type,duration:format=duration");
        return MediaProbe.number(MediaProbe.firstStream(root, type), "duration");
    }

    /** ffmpeg's hash of the first video stream's packets: equal only when the stream was copied unchanged. */
    static String videoPacketHash(Path media) {
        return TestMedia.ffmpeg().run(List.of("-i", media.toAbsolutePath().toString(), "-map", "0:v:0", "-c", "copy",
                "-f", "streamhash", "-hash", "md5", "-"), TestMedia.TIMEOUT).stdout().strip();
    }
}
