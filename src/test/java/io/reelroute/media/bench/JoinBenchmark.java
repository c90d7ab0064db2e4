package io.reelroute.media.bench;

import io.reelroute.support.Workspaces;
import io.reelroute.media.ClipJoiner;
import io.reelroute.media.Ffmpeg;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Joining compatible clips: {@link ClipJoiner#join} (probe every clip, concat demuxer, {@code -c copy}) against
 * copying the same bytes with {@code Files.copy} of each clip into a fresh folder. The two alternate over several
 * repetitions; the clips are read once before timing, so both read from the page cache. Wall time in this JVM,
 * around the call (process start-up and the probes count). Run it with {@code bench/join/run.sh [repetitions]}.
 */
public final class JoinBenchmark {
    private static final int CLIPS = 20;
    private static final int SECONDS = 5;
    private static final int WIDTH = 854;
    private static final int HEIGHT = 480;
    private static final int FPS = 30;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path work = Files.createTempDirectory("join-bench");
        try {
            run(repetitions, work);
        } finally {
            Workspaces.deleteTree(work);
        }
    }

    private static void run(int repetitions, Path work) throws Exception {
        Ffmpeg ffmpeg = Ffmpeg.locate(null, work.resolve("cache"));
        System.err.println("making " + CLIPS + " clips of " + SECONDS + " s at " + HEIGHT + "p ...");
        List<Path> clips = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < CLIPS; i++) {
            Path clip = work.resolve(String.format(Locale.ROOT, "clips/shot-%02d.mp4", i + 1));
            Files.createDirectories(clip.getParent());
            // a different test pattern offset per clip, so the clips are not byte-identical
            List<String> make = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=" + WIDTH + "x" + HEIGHT
                    + ":r=" + FPS + ":d=" + SECONDS + ",hue=h=" + (i * 17), "-f", "lavfi", "-i",
                    "sine=frequency=" + (220 + 20 * i) + ":duration=" + SECONDS, "-c:a", "aac", "-ac", "2"));
            make.addAll(ffmpeg.mp4VideoArgs(WIDTH, HEIGHT, FPS));
            make.add(clip.toString());
            ffmpeg.run(make, TIMEOUT);
            clips.add(clip);
            bytes += Files.size(clip);
        }
        for (Path clip : clips) {
            Files.readAllBytes(clip); // warm the page cache for both methods alike
        }
        ClipJoiner joiner = new ClipJoiner(ffmpeg);
        joiner.join(clips, work.resolve("warm-up.mp4")); // JIT and shared libraries, not timed
        List<Double> join = new ArrayList<>();
        List<Double> copy = new ArrayList<>();
        boolean allCopied = true;
        for (int rep = 0; rep < repetitions; rep++) {
            for (int turn = 0; turn < 2; turn++) {
                long started = System.nanoTime();
                if ((rep % 2 == 0) == (turn == 0)) {
                    allCopied &= joiner.join(clips, work.resolve("join-" + rep + "/final.mp4")).streamCopied();
                    join.add(secondsSince(started));
                } else {
                    Path folder = Files.createDirectories(work.resolve("copy-" + rep));
                    for (Path clip : clips) {
                        Files.copy(clip, folder.resolve(clip.getFileName()));
                    }
                    copy.add(secondsSince(started));
                }
            }
        }
        // the join's own share: the same concat without the probes, one ffmpeg process
        Path list = work.resolve("list.txt");
        StringBuilder text = new StringBuilder();
        clips.forEach(c -> text.append("file '").append(c).append("'\n"));
        Files.writeString(list, text);
        List<Double> concatOnly = new ArrayList<>();
        for (int rep = 0; rep < repetitions; rep++) {
            long started = System.nanoTime();
            ffmpeg.run(List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-map", "0", "-c", "copy",
                    "-movflags", "+faststart", "-f", "mp4", work.resolve("concat-" + rep + ".mp4").toString()), TIMEOUT);
            concatOnly.add(secondsSince(started));
        }
        report(ffmpeg, repetitions, bytes, join, copy, concatOnly, allCopied);
    }

    private static void report(Ffmpeg ffmpeg, int repetitions, long bytes, List<Double> join, List<Double> copy,
                               List<Double> concatOnly, boolean allCopied) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Date: %s%nMachine: %d CPUs (%s)%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), cpuModel()));
        out.append(String.format(Locale.ROOT, "FFmpeg: %s %s; %d clips of %d s, %dx%d, %d fps, AAC, %.1f MB in all;"
                        + " %d repetitions, alternating%n%n", ffmpeg.origin().name().toLowerCase(Locale.ROOT),
                ffmpeg.version(), CLIPS, SECONDS, WIDTH, HEIGHT, FPS, bytes / 1e6, repetitions));
        out.append("| method | wall time, s (each run) | median, s |\n| --- | --- | --- |\n");
        row(out, "ClipJoiner.join (20 probes + concat -c copy)" + (allCopied ? "" : " NOT STREAM COPIED"), join);
        row(out, "Files.copy of each clip", copy);
        row(out, "concat -c copy alone (1 ffmpeg, no probes)", concatOnly);
        out.append(String.format(Locale.ROOT, "%njoin / copy: %.1fx; concat alone / copy: %.1fx%n",
                median(join) / median(copy), median(concatOnly) / median(copy)));
        System.out.print(out);
    }

    private static void row(StringBuilder out, String name, List<Double> samples) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %.3f |%n", name, String.join(", ",
                samples.stream().map(s -> String.format(Locale.ROOT, "%.3f", s)).toList()), median(samples)));
    }

    private static double median(List<Double> samples) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }
}
