package io.reelroute.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.provider.Downloader;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.simulator.SimulatorServer;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A 500 MB result downloaded by the service's own Downloader in a JVM started with -Xmx128m (see run.sh),
 * from the provider simulator on loopback. Samples the used heap every 50 ms while the file grows and
 * prints it by progress, so a heap that grew with the file would show. Not a test: bench/download/run.sh.
 */
public final class DownloadBenchmark {
    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 500;
        Path dir = Files.createDirectories(Path.of("target/bench/download"));
        Path source = dir.resolve("source.bin");
        try (RandomAccessFile file = new RandomAccessFile(source.toFile(), "rw")) {
            file.setLength(megabytes * 1024 * 1024);
        }
        Path target = dir.resolve("downloaded.mp4");
        Files.deleteIfExists(target);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long maxHeap = memory.getHeapMemoryUsage().getMax();
        try (SimulatorServer simulator = SimulatorServer.start().serveFiles("bench")) {
            String url = simulator.serve("big.mp4", source);
            Downloader downloader = new Downloader(new ProviderHttp(new ObjectMapper(), Duration.ofMinutes(30)));
            AtomicLong peak = new AtomicLong();
            long[] byDecile = new long[11];
            long total = Files.size(source);
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long used = memory.getHeapMemoryUsage().getUsed();
                    peak.accumulateAndGet(used, Math::max);
                    int decile = (int) (10 * growing(dir) / total);
                    byDecile[Math.min(decile, 10)] = Math.max(byDecile[Math.min(decile, 10)], used);
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long started = System.nanoTime();
            long bytes = downloader.download(url, Map.of(), target);
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.interrupt();
            sampler.join();
            System.out.printf(Locale.ROOT, "downloaded %d MB in %.1f s (%.0f MB/s) with max heap %d MB; peak heap used"
                    + " %d MB%n", bytes >> 20, seconds, (bytes >> 20) / seconds, maxHeap >> 20, peak.get() >> 20);
            System.out.println("| file written | 0-10% | 10-20% | 20-30% | 30-40% | 40-50% | 50-60% | 60-70% | 70-80%"
                    + " | 80-90% | 90-100% |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
            StringBuilder row = new StringBuilder("| peak heap used, MB |");
            for (int i = 0; i < 10; i++) {
                row.append(' ').append(byDecile[i] >> 20).append(" |");
            }
            System.out.println(row);
        } finally {
            Files.deleteIfExists(target);
            Files.deleteIfExists(source);
        }
    }

    /** Bytes written so far: the hidden .part file the Downloader streams into. */
    private static long growing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".part")).mapToLong(p -> p.toFile().length())
                    .sum();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
