package io.reelroute.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sound of a join whose video is a stream copy ({@link ConcatCopy}), rebuilt so that it cannot drift.
 *
 * <p>Copied AAC packets drift: every clip starts with its encoder's priming frame (1024 samples that only its own
 * edit list hides) and ends padded to a whole frame, and in a joined file only the first edit list applies, so
 * each boundary adds 21 ms or more of sound the pictures do not have (0.77 s over 20 clips, BENCHMARKS.md).
 * Instead each clip's audio is decoded from its own file (its edit list applies), padded with silence or cut to
 * exactly the clip's video length, and the segments are joined by the concat filter and encoded once, at the
 * clips' own rate and channels (equal in a compatible set), so the joined file keeps the clips' audio layout.
 * Each segment ends on the sample nearest the running total of the video lengths, so rounding never adds up.
 * Both streams are taken to start at the clip's time zero, as the concat list makes the video do
 * ({@link ConcatCopy#list}).
 *
 * @param facts       every clip's facts; all with audio, at one sample rate
 * @param headersRead every clip's headers settled its facts, so FFmpeg need not probe it again
 */
record JoinedAudio(List<Path> clips, List<ClipStreams> facts, boolean headersRead) {
    /** 192 kbit/s for stereo, as the normalised join has. */
    private static final int BITS_PER_CHANNEL = 96_000;

    /** One input per clip, after the concat list's: input {@code i + 1} is clip {@code i}. */
    List<String> inputs() {
        List<String> args = new ArrayList<>();
        for (Path clip : clips) {
            if (headersRead) {
                args.addAll(List.of("-probesize", "32"));
            }
            args.addAll(List.of("-i", clip.toAbsolutePath().toString()));
        }
        return args;
    }

    /** The filter graph, its output mapped and encoded. */
    List<String> outputs() {
        long[] samples = segmentSamples(facts);
        StringBuilder graph = new StringBuilder();
        StringBuilder segments = new StringBuilder();
        for (int i = 0; i < samples.length; i++) {
            graph.append('[').append(i + 1).append(":a:0]apad=whole_len=").append(samples[i])
                    .append(",atrim=end_sample=").append(samples[i]).append(",asetpts=PTS-STARTPTS[a").append(i)
                    .append("];");
            segments.append("[a").append(i).append(']');
        }
        graph.append(segments).append("concat=n=").append(samples.length).append(":v=0:a=1[a]");
        return List.of("-filter_complex", graph.toString(), "-map", "[a]", "-c:a", "aac", "-b:a",
                String.valueOf(BITS_PER_CHANNEL * facts.get(0).channels()));
    }

    /** Samples in each clip's segment: from the end of the previous one to the end of the clip's video. */
    static long[] segmentSamples(List<ClipStreams> facts) {
        int rate = facts.get(0).sampleRate();
        long[] samples = new long[facts.size()];
        double videoEnd = 0;
        long sampleEnd = 0;
        for (int i = 0; i < samples.length; i++) {
            videoEnd += facts.get(i).videoSeconds();
            long end = Math.round(videoEnd * rate);
            samples[i] = end - sampleEnd;
            sampleEnd = end;
        }
        return samples;
    }
}
