package io.reelroute.media.bench;

import io.reelroute.support.Workspaces;
import io.reelroute.media.Ffmpeg;
import io.reelroute.media.FrameGrabber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Last-frame extraction, side by side in one run: {@link FrameGrabber#lastFrame} (seek near the end, keep the
 * final decoded frame) against the obvious whole-clip method {@code ffmpeg -i clip -vf reverse -frames:v 1}.
 *
 * <p>Measures wall time (in this JVM, around the call, so ffprobe and process start-up count) and the peak
 * resident memory of the FFmpeg processes, read by {@code /usr/bin/time -f %M} or, without it, by polling
 * {@code VmHWM} in {@code /proc/<pid>/status}. The methods alternate, first one then the other, over several
 * repetitions. Run it with {@code bench/last-frame/run.sh [repetitions]}; not a test (no *Test name).
 */
public final class LastFrameBenchmark {
    private static final int SECONDS = 30;
    private static final int WIDTH = 1920;
    private static final int HEIGHT = 1080;
    private static final int FPS = 30;
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofMinutes(10);

    private record Sample(double seconds, long peakKb) {
    }

    public static void main(String[] args) throws Exception {
        int repetitions = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path work = Files.createTempDirectory("last-frame-bench");
        try {
            run(repetitions, work);
        } finally {
            Workspaces.deleteTree(work);
        }
    }

    private static void run(int repetitions, Path work) throws Exception {
        Ffmpeg plain = Ffmpeg.locate(null, work.resolve("cache"));
        Path clip = work.resolve("clip.mp4");
        List<String> make = new ArrayList<>(List.of("-f", "lavfi", "-i",
                "testsrc2=s=" + WIDTH + "x" + HEIGHT + ":r=" + FPS + ":d=" + SECONDS));
        make.addAll(plain.mp4VideoArgs(WIDTH, HEIGHT, FPS));
        make.add(clip.toString());
        System.err.println("making the " + SECONDS + " s " + HEIGHT + "p clip ...");
        plain.run(make, TIMEOUT);

        Path log = work.resolve("peaks.log");
        Ffmpeg measured = Ffmpeg.locate(wrappers(plain, work.resolve("bin"), log).toString(), work.resolve("cache"));
        FrameGrabber grabber = new FrameGrabber(measured);
        List<Sample> seek = new ArrayList<>();
        List<Sample> reverse = new ArrayList<>();
        for (int rep = 0; rep < repetitions; rep++) {
            boolean seekFirst = rep % 2 == 0;
            for (int turn = 0; turn < 2; turn++) {
                Files.deleteIfExists(log);
                long started = System.nanoTime();
                if (seekFirst == (turn == 0)) {
                    grabber.lastFrame(clip, work.resolve("seek.png"));
                    seek.add(new Sample(secondsSince(started), peakKb(log)));
                } else {
                    measured.run(List.of("-i", clip.toString(), "-vf", "reverse", "-frames:v", "1", "-update", "1",
                            work.resolve("reverse.png").toString()), TIMEOUT);
                    reverse.add(new Sample(secondsSince(started), peakKb(log)));
                }
            }
        }
        boolean identical = Arrays.equals(rgb(plain, work.resolve("seek.png"), work),
                rgb(plain, work.resolve("reverse.png"), work));
        report(plain, repetitions, seek, reverse, identical);
    }

    private static void report(Ffmpeg ffmpeg, int repetitions, List<Sample> seek, List<Sample> reverse,
                               boolean identical) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Date: %s%nMachine: %d CPUs (%s), %.1f GB RAM%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), cpuModel(), memTotalKb() / 1024.0 / 1024.0));
        out.append(String.format(Locale.ROOT, "FFmpeg: %s %s, H.264 encoder %s; memory measured with %s%n",
                ffmpeg.origin().name().toLowerCase(Locale.ROOT), ffmpeg.version(), ffmpeg.h264Encoder(),
                Files.isExecutable(Path.of("/usr/bin/time")) ? "/usr/bin/time -f %M" : "VmHWM polling"));
        out.append(String.format(Locale.ROOT, "Clip: %d s, %dx%d, %d fps, keyframe every 2 s; %d repetitions, "
                + "alternating%n%n", SECONDS, WIDTH, HEIGHT, FPS, repetitions));
        out.append("| method | wall time, s (each run) | median, s | peak memory, MB (median) |\n");
        out.append("| --- | --- | --- | --- |\n");
        row(out, "seek from end (FrameGrabber.lastFrame)", seek);
        row(out, "whole clip, `-vf reverse`", reverse);
        out.append(String.format(Locale.ROOT, "%nreverse / seek: %.1fx the time, %.1fx the memory; "
                        + "the two PNGs are %s%n", median(reverse, Sample::seconds) / median(seek, Sample::seconds),
                median(reverse, s -> s.peakKb) / median(seek, s -> s.peakKb),
                identical ? "pixel-identical" : "DIFFERENT (exactness broken!)"));
        System.out.print(out);
    }

    private static void row(StringBuilder out, String name, List<Sample> samples) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %.0f |%n", name,
                String.join(", ", samples.stream().map(s -> String.format(Locale.ROOT, "%.2f", s.seconds)).toList()),
                median(samples, Sample::seconds), median(samples, s -> s.peakKb) / 1024.0));
    }

    /**
     * ffmpeg and ffprobe scripts that run the real programs under a memory meter and append
     * "<wall seconds> <peak KB>" per process to {@code log}.
     */
    private static Path wrappers(Ffmpeg real, Path bin, Path log) throws IOException {
        Files.createDirectories(bin);
        boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
        for (var program : Map.of("ffmpeg", real.ffmpegPath(), "ffprobe", real.ffprobePath()).entrySet()) {
            StringBuilder script = new StringBuilder("#!/bin/sh\n");
            real.environment().forEach((k, v) -> script.append("export ").append(k).append("='").append(v).append("'\n"));
            if (gnuTime) {
                script.append("exec /usr/bin/time -a -o '").append(log).append("' -f '%e %M' '")
                        .append(program.getValue()).append("' \"$@\"\n");
            } else {
                script.append("'").append(program.getValue()).append("' \"$@\" & pid=$!\npeak=0\n")
                        .append("while kill -0 $pid 2>/dev/null; do\n")
                        .append("  v=$(awk '/VmHWM/ {print $2}' /proc/$pid/status 2>/dev/null); [ -n \"$v\" ] && peak=$v\n")
                        .append("  sleep 0.02\ndone\nwait $pid; rc=$?\n")
                        .append("echo \"0 $peak\" >> '").append(log).append("'\nexit $rc\n");
            }
            Path file = bin.resolve(program.getKey());
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin.resolve("ffmpeg");
    }

    /** Highest peak among the processes one call started (ffprobe, then one or more ffmpeg windows). */
    private static long peakKb(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> !line.isBlank())
                .mapToLong(line -> Long.parseLong(line.strip().split("\\s+")[1])).max().orElse(0);
    }

    private static byte[] rgb(Ffmpeg ffmpeg, Path png, Path work) throws IOException {
        Path raw = work.resolve(png.getFileName() + ".rgb");
        ffmpeg.run(List.of("-i", png.toString(), "-f", "rawvideo", "-pix_fmt", "rgb24", raw.toString()), TIMEOUT);
        return Files.readAllBytes(raw);
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        double[] sorted = samples.stream().mapToDouble(value).sorted().toArray();
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

    private static long memTotalKb() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
    }
}
