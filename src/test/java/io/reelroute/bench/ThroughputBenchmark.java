package io.reelroute.bench;

import io.reelroute.media.Ffmpeg;
import io.reelroute.store.JobEvent;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.support.Workspaces;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * Throughput of the whole path on local-preview: N images with sidecars (5 s, 480p clips) dropped at once
 * into a running service (in this JVM, with the real config/ and routes/), timed until the last result.
 * Prints jobs per minute and, per job, where the time goes: waiting for the file to settle and for a
 * render slot, FFmpeg's own time, and the rest (our overhead). Not a test: run it with bench/throughput/run.sh.
 */
public final class ThroughputBenchmark {
    private static final Pattern FFMPEG_SECONDS = Pattern.compile("FFmpeg ([0-9.]+) s");

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path home = Workspaces.fresh("target/bench/throughput");
        try (InProcessService service = new InProcessService(Map.of("reelroute.home", home.toString()))) {
            run(service, home, count);
        }
    }

    private static void run(InProcessService service, Path home, int count) throws Exception {
        JobStore jobs = service.bean("jobStore", JobStore.class);
        Ffmpeg ffmpeg = service.bean("ffmpeg", Ffmpeg.class);
        Duration busyBefore = ffmpeg.busyTime();

        Path staging = Files.createDirectories(home.resolve("staging"));
        for (int i = 0; i < count; i++) {
            ImageIO.write(still(i, count), "png", staging.resolve("still-" + i + ".png").toFile());
            Files.writeString(staging.resolve("still-" + i + ".json"),
                    "{\"prompt\": \"slow pan right over still " + i + "\", \"duration\": 5, \"resolution\": \"480p\"}");
        }
        Instant dropped = Instant.now();
        try (var files = Files.list(staging)) {
            for (Path file : files.sorted().toList()) {
                Files.move(file, home.resolve("inbox").resolve(file.getFileName()));
            }
        }
        List<JobRecord> done;
        do {
            Thread.sleep(100);
            done = jobs.inState(JobState.COMPLETED);
        } while (done.size() < count);
        Instant last = done.stream().map(JobRecord::finishedAt).max(Instant::compareTo).orElseThrow();
        Duration busy = ffmpeg.busyTime().minus(busyBefore);
        report(count, dropped, last, busy, done, jobs);
    }

    private static void report(int count, Instant dropped, Instant last, Duration busy, List<JobRecord> done,
                               JobStore jobs) {
        double wall = seconds(Duration.between(dropped, last));
        List<double[]> stages = new ArrayList<>();
        for (JobRecord job : done) {
            List<JobEvent> events = jobs.events(job.id());
            double render = seconds(Duration.between(job.submittedAt(), job.generatedAt()));
            double deliver = seconds(Duration.between(job.generatedAt(), job.finishedAt()));
            stages.add(new double[] {
                seconds(Duration.between(dropped, job.createdAt())),
                seconds(Duration.between(job.createdAt(), job.submittedAt())),
                render, ffmpegSeconds(events, "rendered"),
                deliver, ffmpegSeconds(events, "delivered")});
        }
        System.out.printf(Locale.ROOT, "%d jobs of 5 s 480p on local-preview: %.1f s from drop to last delivery,"
                + " %.1f jobs/min%n", count, wall, count / wall * 60);
        System.out.printf(Locale.ROOT, "FFmpeg/ffprobe processes were busy %.1f s in all (summed over processes,"
                + " inputs checks included)%n%n", seconds(busy));
        System.out.println("| per job, median (s) | drop to recorded | waiting for a slot | render | of which FFmpeg"
                + " | delivery | of which FFmpeg | our overhead (render + delivery - FFmpeg) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- |");
        double[] median = new double[6];
        for (int i = 0; i < 6; i++) {
            final int column = i;
            median[i] = stages.stream().mapToDouble(s -> s[column]).sorted().skip(stages.size() / 2).findFirst()
                    .orElse(0);
        }
        double overhead = stages.stream().mapToDouble(s -> s[2] - s[3] + s[4] - s[5]).sorted()
                .skip(stages.size() / 2).findFirst().orElse(0);
        System.out.printf(Locale.ROOT, "| | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", median[0], median[1],
                median[2], median[3], median[4], median[5], overhead);
    }

    private static double ffmpegSeconds(List<JobEvent> events, String stage) {
        return events.stream().filter(e -> e.stage().equals(stage) && e.detail() != null)
                .map(e -> FFMPEG_SECONDS.matcher(e.detail())).filter(Matcher::find)
                .mapToDouble(m -> Double.parseDouble(m.group(1))).findFirst().orElse(0);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static BufferedImage still(int seed, int count) {
        BufferedImage image = new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(seed / (float) count, 0.7f, 0.9f), 1280, 720,
                Color.DARK_GRAY));
        g.fillRect(0, 0, 1280, 720);
        g.setColor(Color.WHITE);
        for (int x = 0; x < 1280; x += 64) {
            g.fillRect(x + seed, 300, 20, 120);
        }
        g.dispose();
        return image;
    }
}
