package io.reelroute.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The FFmpeg run that joins compatible clips without re-encoding their video: the concat demuxer with
 * {@code -c copy}. Clips with sound get it rebuilt in the same run ({@link JoinedAudio}): copied AAC drifts at
 * every boundary. Clips without sound are a pure stream copy.
 *
 * <p>When every clip's facts came from its MP4 headers ({@link Mp4Header}), three costs go (measured in
 * BENCHMARKS.md, "Joining clips"):
 * <ul>
 *   <li>FFmpeg's own probing of each clip (find_stream_info, which decodes the start of it: about 7 ms per 1080p
 *       clip): each clip is opened with {@code probesize 32}. The headers hold all a stream copy needs; the
 *       output was byte-identical with and without that probing.</li>
 *   <li>The H.264 round trip through Annex B ({@code auto_convert}, which repeats the parameter sets before
 *       every keyframe so that clips with different ones still decode): skipped when every clip has the same
 *       avcC bytes, so the first clip's parameter sets decode them all and every packet is copied unchanged.</li>
 *   <li>The {@code +faststart} rewrite (a second pass over the whole output to move the index to the front):
 *       the index is written into room reserved at the front instead ({@code moov_size}), so the file still
 *       plays while it downloads, for the price of some padding. The room is generous (48 bytes per sample,
 *       more than all per-sample tables together, plus 64 KiB); should it still be short, FFmpeg fails and the
 *       join runs again with the rewrite.</li>
 * </ul>
 * Otherwise (some clip only ffprobe could read) the join runs as it always did: full probing, auto_convert,
 * {@code +faststart}.
 */
final class ConcatCopy {
    /** More than an index can need per sample: stts, ctts, stsz, co64, stsc, stss and sdtp entries for each. */
    private static final long INDEX_BYTES_PER_SAMPLE = 48;
    /** Headers, sample descriptions and metadata of the joined index. */
    private static final long INDEX_FIXED_BYTES = 64 << 10;
    /** FFmpeg's message when the reserved room was too small (then the join is run again with the rewrite). */
    static final String ROOM_TOO_SMALL = "reserved_moov_size is too small";

    private ConcatCopy() {
    }

    /**
     * The concat demuxer's list: each path single-quoted, a quote inside written as '\'' (close, escaped, reopen).
     *
     * <p>With rebuilt sound each clip's video is placed where its sound segment is: from the clip's time zero
     * ({@code inpoint 0}; otherwise, read with {@code probesize 32}, a clip's zero is taken from its priming audio
     * packet and its video comes 21 ms late) for the video's length ({@code duration}; otherwise the next clip
     * starts where this one's longer audio ends).
     *
     * @param audio the rebuilt sound, or null for a pure stream copy
     */
    static String list(List<Path> clips, boolean headersRead, JoinedAudio audio) {
        StringBuilder list = new StringBuilder("ffconcat version 1.0\n");
        for (int i = 0; i < clips.size(); i++) {
            list.append("file '").append(clips.get(i).toAbsolutePath().toString().replace("'", "'\\''"))
                    .append("'\n");
            if (headersRead) {
                list.append("option probesize 32\n");
            }
            if (audio != null) {
                list.append("inpoint 0\nduration ").append(ClipStreams.seconds(audio.facts().get(i).videoSeconds()))
                        .append('\n');
            }
        }
        return list.toString();
    }

    /**
     * @param headers   every clip's headers, or null when some clip was read by ffprobe
     * @param indexRoom bytes reserved at the front for the index ({@link #indexRoom}); 0 for the rewrite
     * @param audio     the rebuilt sound, or null for a pure stream copy
     */
    static List<String> args(Path list, Path out, List<Mp4Header> headers, long indexRoom, JoinedAudio audio) {
        List<String> args = new ArrayList<>();
        if (headers != null) {
            args.addAll(List.of("-probesize", "32"));
        }
        args.addAll(List.of("-f", "concat", "-safe", "0"));
        if (headers != null && headers.stream().map(Mp4Header::videoConfig).distinct().count() == 1) {
            args.addAll(List.of("-auto_convert", "0"));
        }
        args.addAll(List.of("-i", list.toString()));
        if (audio != null) {
            args.addAll(audio.inputs());
            args.addAll(List.of("-map", "0:v:0", "-c:v", "copy"));
            args.addAll(audio.outputs());
        } else {
            args.addAll(List.of("-map", "0", "-c", "copy"));
        }
        if (indexRoom > 0 && indexRoom <= Integer.MAX_VALUE) {
            args.addAll(List.of("-moov_size", String.valueOf(indexRoom)));
        } else {
            args.addAll(List.of("-movflags", "+faststart"));
        }
        args.addAll(List.of("-f", "mp4", out.toString()));
        return args;
    }

    /** Counts the clips' own audio frames: the rebuilt sound has fewer (one priming frame, not one per clip). */
    static long indexRoom(List<Mp4Header> headers) {
        return INDEX_FIXED_BYTES + INDEX_BYTES_PER_SAMPLE * headers.stream().mapToLong(Mp4Header::samples).sum();
    }
}
