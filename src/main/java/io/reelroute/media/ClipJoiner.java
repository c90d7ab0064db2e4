package io.reelroute.media;

import io.reelroute.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a story's shots into one video ({@code final.mp4}).
 *
 * <p>When every clip has the same video codec, size, frame rate, pixel format, sample aspect and audio layout,
 * the concat demuxer joins their video with {@code -c copy} ({@link ConcatCopy}): no picture is decoded and no
 * quality is lost. Their sound, if they have any, is decoded clip by clip, cut or padded to each clip's video
 * length and encoded once ({@link JoinedAudio}): copied AAC would drift by its priming at every boundary. Those
 * facts are read from each clip's MP4 headers in Java ({@link Mp4Header}) only where the headers settle them
 * exactly as ffprobe would report them; any other clip is probed with ffprobe as before, so the decision never
 * rests on the fast path. The joined file keeps its index at the front (in reserved room rather than by the
 * +faststart rewrite), so it plays while it downloads.
 *
 * <p>Otherwise every clip is normalised once, in a single FFmpeg pass with the concat filter, to the first clip's
 * size (scaled to fit and padded, centred), its frame rate (rounded to whole frames per second), yuv420p, square
 * pixels and AAC stereo 48 kHz. Each segment's video is cut to a whole number of frames and its audio padded
 * (silence from {@code anullsrc} for a clip without any) or cut to exactly that length, so audio and video end
 * together in every segment and the join cannot drift out of sync.
 */
public final class ClipJoiner {
    /**
     * @param streamCopied true when the clips' video was joined without re-encoding (their sound is rebuilt)
     * @param clipsProbed  clips whose headers did not settle their facts, so ffprobe read them
     */
    public record JoinResult(Path video, boolean streamCopied, Duration ffmpegTime, int clipsProbed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ClipJoiner.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final List<String> AUDIO_OUT = List.of("-c:a", "aac", "-b:a", "192k", "-ar", "48000", "-ac", "2");

    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;
    private final ToLongFunction<List<Mp4Header>> indexRoom;

    public ClipJoiner(Ffmpeg ffmpeg) {
        this(ffmpeg, ConcatCopy::indexRoom);
    }

    /** @param indexRoom room to reserve for the joined index (a test gives too little, to see the fallback) */
    ClipJoiner(Ffmpeg ffmpeg, ToLongFunction<List<Mp4Header>> indexRoom) {
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
        this.indexRoom = indexRoom;
    }

    /**
     * @param clips at least one clip, in playing order
     * @param out   published atomically: a reader never sees half a join
     * @throws MediaException when a clip cannot be read or FFmpeg fails
     */
    public JoinResult join(List<Path> clips, Path out) {
        if (clips.isEmpty()) {
            throw new IllegalArgumentException("nothing to join");
        }
        long started = System.nanoTime();
        List<Mp4Header> headers = new ArrayList<>();
        clips.forEach(clip -> headers.add(Mp4Header.read(clip).orElse(null)));
        List<ClipStreams> facts = factsOf(clips, headers);
        boolean compatible = facts.stream().map(ClipStreams::joinKey).distinct().count() == 1;
        Path temp = AtomicFiles.tempSibling(out);
        Path list = AtomicFiles.tempSibling(out.resolveSibling(out.getFileName() + ".txt"));
        try {
            if (compatible) {
                streamCopy(clips, facts, headers.contains(null) ? null : headers, list, temp);
            } else {
                ffmpeg.run(normaliseArgs(clips, facts, temp), TIMEOUT);
            }
            AtomicFiles.move(temp, out);
            return new JoinResult(out, compatible, Duration.ofNanos(System.nanoTime() - started),
                    (int) headers.stream().filter(Objects::isNull).count());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the concat list beside " + out, e);
        } finally {
            AtomicFiles.discard(temp);
            AtomicFiles.discard(list);
        }
    }

    /** @param headers every clip's headers, or null when ffprobe read some clip */
    private void streamCopy(List<Path> clips, List<ClipStreams> facts, List<Mp4Header> headers, Path list, Path temp)
            throws IOException {
        // a compatible set has sound in every clip or in none (the join key holds the audio layout)
        JoinedAudio audio = facts.get(0).hasAudio() ? new JoinedAudio(clips, facts, headers != null) : null;
        Files.writeString(list, ConcatCopy.list(clips, headers != null, audio));
        long room = headers == null ? 0 : indexRoom.applyAsLong(headers);
        try {
            ffmpeg.run(ConcatCopy.args(list, temp, headers, room, audio), TIMEOUT);
        } catch (MediaException e) {
            if (room == 0 || !e.stderrTail().contains(ConcatCopy.ROOM_TOO_SMALL)) {
                throw e;
            }
            LOG.warn("The joined index did not fit in {} bytes; joining again with the +faststart rewrite", room);
            ffmpeg.run(ConcatCopy.args(list, temp, headers, 0, audio), TIMEOUT);
        }
    }

    /**
     * The headers' facts, and ffprobe's for the clips whose headers did not settle them: one ffprobe per clip,
     * a few at a time (each process costs about 22 ms; reading a clip's headers, well under a millisecond).
     */
    private List<ClipStreams> factsOf(List<Path> clips, List<Mp4Header> headers) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(clips.size(),
                Math.max(2, Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<ClipStreams>> futures = new ArrayList<>();
            for (int i = 0; i < clips.size(); i++) {
                Path clip = clips.get(i);
                Mp4Header header = headers.get(i);
                futures.add(header != null ? CompletableFuture.completedFuture(header.streams())
                        : pool.submit(() -> ClipStreams.of(probe, clip)));
            }
            List<ClipStreams> facts = new ArrayList<>();
            for (Future<ClipStreams> future : futures) {
                facts.add(future.get());
            }
            return facts;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new MediaException("probing the clips failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MediaException("interrupted while probing the clips", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> normaliseArgs(List<Path> clips, List<ClipStreams> facts, Path temp) {
        ClipStreams first = facts.get(0);
        int width = first.width() / 2 * 2;
        int height = first.height() / 2 * 2;
        int fps = (int) Math.max(1, Math.round(first.fps()));
        boolean anyAudio = facts.stream().anyMatch(ClipStreams::hasAudio);
        List<String> args = new ArrayList<>();
        StringBuilder graph = new StringBuilder();
        StringBuilder concatInputs = new StringBuilder();
        for (int i = 0; i < clips.size(); i++) {
            args.addAll(List.of("-i", clips.get(i).toAbsolutePath().toString()));
            ClipStreams clip = facts.get(i);
            long frames = Math.max(1, Math.round(clip.videoSeconds() * fps));
            String length = ClipStreams.seconds((double) frames / fps);
            graph.append(String.format(java.util.Locale.ROOT, "[%d:v:0]scale=%d:%d:force_original_aspect_ratio=decrease,"
                            + "pad=%d:%d:(ow-iw)/2:(oh-ih)/2,setsar=1,fps=%d,format=yuv420p,"
                            + "trim=end_frame=%d,setpts=PTS-STARTPTS[v%d];", i, width, height, width, height, fps,
                    frames, i));
            concatInputs.append("[v").append(i).append(']');
            if (anyAudio) {
                String source = clip.hasAudio() ? "[" + i + ":a:0]" : "anullsrc=r=48000:cl=stereo,";
                graph.append(source).append("aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,")
                        .append("apad,atrim=end=").append(length).append(",asetpts=PTS-STARTPTS[a").append(i)
                        .append("];");
                concatInputs.append("[a").append(i).append(']');
            }
        }
        graph.append(concatInputs).append("concat=n=").append(clips.size()).append(":v=1:a=")
                .append(anyAudio ? 1 : 0).append("[v]").append(anyAudio ? "[a]" : "");
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[v]"));
        if (anyAudio) {
            args.addAll(List.of("-map", "[a]"));
            args.addAll(AUDIO_OUT);
        }
        args.addAll(ffmpeg.mp4VideoArgs(width, height, fps));
        args.add(temp.toString());
        return args;
    }
}
