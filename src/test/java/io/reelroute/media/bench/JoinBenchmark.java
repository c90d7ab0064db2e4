package io.reelroute.media.bench;

import io.reelroute.media.ClipJoiner;
import io.reelroute.media.Ffmpeg;
import io.reelroute.support.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Joining 20 compatible 5 s clips: {@link ClipJoiner#join} (video stream-copied, audio rebuilt clip by clip and
 * encoded once) against copying the same bytes with {@code Files.copy} of each clip into a fresh folder, for two
 * sets of clips: 480p as the local renderer makes them, and 1080p at 8 Mbit/s as providers deliver them. Wall time
 * in this JVM, around the call (process start-up counts).
 *
 * <p>Beside the two: the FFmpeg run of the join before its audio was rebuilt (video and audio both copied, which
 * drifts), with its index placed three ways (reserved at the front, as the join does; moved to the front by the
 * {@code +faststart} rewrite; left at the end); the floor of any FFmpeg stream copy of the same bytes (one input,
 * the joined file); and the join before that (one ffprobe per clip, two at a time, then the concat with FFmpeg's
 * full probing and the rewrite). All methods take turns, in a rotating order, over the repetitions; the clips are
 * read once before timing, so every method reads them from the page cache. Each output is deleted after its run,
 * untimed. Afterwards, untimed, the sync of the join and of the all-copy join: decoded audio against video length.
 * Run it with {@code bench/join/run.sh [repetitions]}.
 */
public final class JoinBenchmark {
    private static final int CLIPS = 20;
    private static final int SECONDS = 5;
    private static final int FPS = 30;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String JOIN = "ClipJoiner.join (headers read in Java, video by concat -c copy, audio "
            + "decoded per clip, cut to its video and encoded once, index reserved at the front)";
    /** The concat with -c copy for video and audio alike, as the join ran before its audio was rebuilt. */
    private static final String COPY_ALL = "before: video and audio copied (drifts), index reserved at the front "
            + "(-moov_size)";
    private static final String COPY = "Files.copy of each clip";

    /** @param bitRate null for the pipeline's own choice ({@link Ffmpeg#mp4VideoArgs}) */
    private record ClipSet(String name, int width, int height, String bitRate) {
    }

    private interface Method {
        /** Writes its result into {@code folder}; returns a note when the result is not what it should be. */
        String run(Path folder) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("join-bench");
        try {
            Ffmpeg ffmpeg = Ffmpeg.locate(null, work.resolve("cache"));
            System.out.printf(Locale.ROOT, "Date: %s%nMachine: %d CPUs (%s), %.1f GiB RAM%nFFmpeg: %s %s (H.264 "
                            + "encoder %s); %d clips of %d s, %d fps, AAC stereo; %d repetitions, rotating order%n",
                    LocalDate.now(), Runtime.getRuntime().availableProcessors(), cpuModel(), memoryGiB(),
                    ffmpeg.origin().name().toLowerCase(Locale.ROOT), ffmpeg.version(), ffmpeg.h264Encoder(), CLIPS,
                    SECONDS, FPS, repetitions);
            for (ClipSet set : List.of(new ClipSet("480p", 854, 480, null), new ClipSet("1080p", 1920, 1080, "8M"))) {
                run(ffmpeg, set, repetitions, work.resolve(set.name()));
            }
        } finally {
            Workspaces.deleteTree(work);
        }
    }

    private static void run(Ffmpeg ffmpeg, ClipSet set, int repetitions, Path work) throws Exception {
        System.err.println("making " + CLIPS + " clips of " + SECONDS + " s at " + set.name() + " ...");
        List<Path> clips = makeClips(ffmpeg, set, work.resolve("clips"));
        long bytes = 0;
        for (Path clip : clips) {
            bytes += Files.readAllBytes(clip).length; // into the page cache, for every method alike
        }
        long[] joinedBytes = {0};
        Map<String, Method> methods = methods(ffmpeg, clips, work, joinedBytes);
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        for (String name : methods.keySet()) {
            runIn(work.resolve("warm-up"), methods.get(name)); // JIT, shared libraries; not counted
            times.put(name, new ArrayList<>());
            notes.put(name, "");
        }
        List<String> names = new ArrayList<>(methods.keySet());
        for (int rep = 0; rep < repetitions; rep++) {
            for (int turn = 0; turn < names.size(); turn++) {
                String name = names.get((rep + turn) % names.size());
                long started = System.nanoTime();
                String note = runIn(work.resolve("out-" + rep + "-" + turn), methods.get(name));
                times.get(name).add((System.nanoTime() - started) / 1e9);
                notes.merge(name, note, (a, b) -> a.isEmpty() ? b : a);
            }
        }
        report(set, bytes, joinedBytes[0], times, notes);
        reportSync(ffmpeg, clips, methods, work);
    }

    /** Decoded audio against video, for the join and for the all-copy join: what a player hears at the end. */
    private static void reportSync(Ffmpeg ffmpeg, List<Path> clips, Map<String, Method> methods, Path work)
            throws Exception {
        // A decoder plays the encoder's padding after the last sample (under one AAC frame, 23.2 ms at 44.1 kHz);
        // anything beyond that was added at the boundaries
        StringBuilder out = new StringBuilder("\nSync (decoded audio length - video length, untimed):\n");
        for (String name : List.of(JOIN, COPY_ALL)) {
            Path folder = Files.createDirectories(work.resolve("sync"));
            try {
                methods.get(name).run(folder);
                Path joined = folder.resolve("final.mp4");
                double drift = decodedAudioSeconds(ffmpeg, joined, folder) - videoSeconds(ffmpeg, joined);
                out.append(String.format(Locale.ROOT, "- %s: %+.1f ms (%d boundaries)%n", name, drift * 1000,
                        clips.size() - 1));
            } finally {
                Workspaces.deleteTree(folder);
            }
        }
        System.out.print(out);
    }

    private static double decodedAudioSeconds(Ffmpeg ffmpeg, Path media, Path folder) throws IOException {
        Path raw = folder.resolve("audio.raw");
        ffmpeg.run(List.of("-i", media.toString(), "-map", "0:a:0", "-ac", "1", "-ar", "48000", "-f", "s16le",
                raw.toString()), TIMEOUT);
        return Files.size(raw) / 2 / 48000.0;
    }

    private static double videoSeconds(Ffmpeg ffmpeg, Path media) {
        return Double.parseDouble(ffmpeg.runProbe(List.of("-select_streams", "v:0", "-show_entries",
                "stream=duration", "-of", "csv=p=0", media.toString()), TIMEOUT).stdout().strip());
    }

    /** Runs a method in a fresh folder, deleted afterwards; the creation and deletion are a few ms outside timing. */
    private static String runIn(Path folder, Method method) throws Exception {
        Files.createDirectories(folder);
        try {
            return method.run(folder);
        } finally {
            Workspaces.deleteTree(folder);
        }
    }

    private static Map<String, Method> methods(Ffmpeg ffmpeg, List<Path> clips, Path work, long[] joinedBytes)
            throws Exception {
        ClipJoiner joiner = new ClipJoiner(ffmpeg);
        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put(JOIN, folder -> {
            ClipJoiner.JoinResult result = joiner.join(clips, folder.resolve("final.mp4"));
            joinedBytes[0] = Files.size(result.video());
            return result.streamCopied() && result.clipsProbed() == 0 ? ""
                    : " (copied: " + result.streamCopied() + ", probed: " + result.clipsProbed() + ")";
        });
        methods.put(COPY, folder -> {
            for (Path clip : clips) {
                Files.copy(clip, folder.resolve(clip.getFileName()));
            }
            return "";
        });
        Path lists = Files.createDirectories(work.resolve("lists"));
        Path fast = concatList(lists.resolve("fast.txt"), clips, "option probesize 32\n");
        long room = 64 * 1024 + 48L * samples(ffmpeg, clips.get(0)) * clips.size();
        methods.put(COPY_ALL, concat(ffmpeg, fast, true, "-moov_size", String.valueOf(room)));
        methods.put("before: video and audio copied, index moved by the rewrite (+faststart)",
                concat(ffmpeg, fast, true, "-movflags", "+faststart"));
        methods.put("before: video and audio copied, index left at the end", concat(ffmpeg, fast, true));
        // the floor of any FFmpeg stream copy of these bytes: one input, no clips to open, nothing to join
        Path joined = joiner.join(clips, work.resolve("joined/final.mp4")).video();
        methods.put("floor: FFmpeg -c copy of the joined file (one input, index at the end)", folder -> {
            ffmpeg.run(List.of("-probesize", "32", "-i", joined.toString(), "-map", "0", "-c", "copy", "-f", "mp4",
                    folder.resolve("final.mp4").toString()), TIMEOUT);
            return "";
        });
        Method previousConcat = concat(ffmpeg, concatList(lists.resolve("full.txt"), clips, ""), false, "-movflags",
                "+faststart");
        methods.put("two joins back: 20 ffprobe (2 at a time), concat with full probing, +faststart", folder -> {
            probeAll(ffmpeg, clips);
            return previousConcat.run(folder);
        });
        return methods;
    }

    /** A different test pattern and tone per clip, so the clips are not byte-identical. */
    private static List<Path> makeClips(Ffmpeg ffmpeg, ClipSet set, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Path> clips = new ArrayList<>();
        for (int i = 0; i < CLIPS; i++) {
            Path clip = folder.resolve(String.format(Locale.ROOT, "shot-%02d.mp4", i + 1));
            List<String> make = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=" + set.width() + "x"
                    + set.height() + ":r=" + FPS + ":d=" + SECONDS + ",hue=h=" + (i * 17), "-f", "lavfi", "-i",
                    "sine=frequency=" + (220 + 20 * i) + ":duration=" + SECONDS, "-c:a", "aac", "-ac", "2"));
            make.addAll(ffmpeg.mp4VideoArgs(set.width(), set.height(), FPS));
            if (set.bitRate() != null) {
                make.addAll(List.of("-b:v", set.bitRate())); // overrides the pipeline's choice
            }
            make.add(clip.toString());
            ffmpeg.run(make, TIMEOUT);
            clips.add(clip);
        }
        return clips;
    }

    private static Path concatList(Path list, List<Path> clips, String optionLines) throws IOException {
        StringBuilder text = new StringBuilder("ffconcat version 1.0\n");
        clips.forEach(clip -> text.append("file '").append(clip).append("'\n").append(optionLines));
        return Files.writeString(list, text);
    }

    /**
     * The concat demuxer with -c copy of every stream; {@code fast}: little probing and no Annex B round trip, as
     * the join ran it before its audio was rebuilt.
     */
    private static Method concat(Ffmpeg ffmpeg, Path list, boolean fast, String... indexArgs) {
        return folder -> {
            List<String> args = new ArrayList<>(fast ? List.of("-probesize", "32") : List.of());
            args.addAll(List.of("-f", "concat", "-safe", "0"));
            args.addAll(fast ? List.of("-auto_convert", "0") : List.of());
            args.addAll(List.of("-i", list.toString(), "-map", "0", "-c", "copy"));
            args.addAll(List.of(indexArgs));
            args.addAll(List.of("-f", "mp4", folder.resolve("final.mp4").toString()));
            ffmpeg.run(args, TIMEOUT);
            return "";
        };
    }

    private static void probeAll(Ffmpeg ffmpeg, List<Path> clips) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> probes = new ArrayList<>();
            for (Path clip : clips) {
                probes.add(pool.submit(() -> ffmpeg.runProbe(List.of("-show_entries", "format=duration:stream="
                        + "codec_type,codec_name,width,height,r_frame_rate,avg_frame_rate,pix_fmt,sample_aspect_ratio,"
                        + "sample_rate,channels,channel_layout,duration", "-of", "json", clip.toString()), TIMEOUT)));
            }
            for (Future<?> probe : probes) {
                probe.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Video and audio packets of one clip, as the room the join reserves for its index is counted. */
    private static long samples(Ffmpeg ffmpeg, Path clip) {
        String out = ffmpeg.runProbe(List.of("-count_packets", "-show_entries", "stream=nb_read_packets", "-of",
                "csv=p=0", clip.toString()), TIMEOUT).stdout();
        return out.lines().filter(line -> !line.isBlank()).mapToLong(line -> Long.parseLong(line.strip())).sum();
    }

    private static void report(ClipSet set, long bytes, long joinedBytes, Map<String, List<Double>> times,
                               Map<String, String> notes) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n%s: %d clips, %dx%d, %.1f MB in all, %.1f Mbit/s%n%n", set.name(),
                CLIPS, set.width(), set.height(), bytes / 1e6, bytes * 8 / 1e6 / (CLIPS * SECONDS)));
        out.append("| method | wall time, s (each run) | median, s | x copy |\n| --- | --- | --- | --- |\n");
        double copy = median(times.get(COPY));
        for (String name : times.keySet()) {
            List<Double> samples = times.get(name);
            out.append(String.format(Locale.ROOT, "| %s%s | %s | %.3f | %.1f |%n", name, notes.get(name),
                    String.join(", ", samples.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList()),
                    median(samples), median(samples) / copy));
        }
        double ratio = median(times.get(JOIN)) / copy;
        out.append(String.format(Locale.ROOT, "%n%s: the joined file has %.2f MB (the clips %.2f MB); join / copy ="
                        + " %.2fx: the 3x target is %s%n", set.name(), joinedBytes / 1e6, bytes / 1e6, ratio,
                ratio <= 3 ? "met" : "NOT met"));
        System.out.print(out);
    }

    private static double median(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static double memoryGiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0) / 1024.0 / 1024.0;
    }
}
