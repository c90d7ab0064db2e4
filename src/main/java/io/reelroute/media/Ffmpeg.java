package io.reelroute.media;

import io.reelroute.files.AtomicFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ffmpeg and ffprobe programs this service runs, and the one way to run them.
 *
 * <p>{@link #locate} picks, in order: the configured path ({@code reelroute.ffmpeg.path}), programs on the
 * PATH, or the ones bundled in {@code org.bytedeco:ffmpeg} (so a fresh machine needs no FFmpeg install).
 */
public final class Ffmpeg {
    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);
    /** Quiet, non-interactive, overwrite: our outputs are always fresh temp names, and progress would only fill pipes. */
    private static final List<String> FFMPEG_FLAGS =
            List.of("-hide_banner", "-nostdin", "-nostats", "-loglevel", "error", "-y");
    private static final List<String> FFPROBE_FLAGS = List.of("-hide_banner", "-loglevel", "error");
    /** Best first: libx264 (system builds), libopenh264 (the bundled LGPL build), mpeg4 (plays, but not H.264). */
    private static final List<String> ENCODER_PREFERENCE = List.of("libx264", "libopenh264", "mpeg4");

    /** Where the programs came from. */
    public enum Origin { CONFIGURED, PATH, BUNDLED }

    private final LongAdder busyNanos = new LongAdder();
    private final Path ffmpeg;
    private final Path ffprobe;
    private final Map<String, String> environment;
    private final Origin origin;
    private final String version;
    private volatile String h264Encoder;

    Ffmpeg(Path ffmpeg, Path ffprobe, Map<String, String> environment, Origin origin) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.environment = Map.copyOf(environment);
        this.origin = origin;
        this.version = parseVersion(runVersion(ffmpeg).stdout());
        runVersion(ffprobe); // fail now, not at the first job, when ffprobe is missing or broken
    }

    /**
     * @param configuredPath the {@code reelroute.ffmpeg.path} setting: the ffmpeg program (ffprobe beside it) or
     *                       their folder; blank means "find one"
     * @param cacheDir       where native helper files are extracted (the libpulse stand-in, see {@link BundledFfmpeg})
     * @throws MediaException when the configured programs do not run, or no FFmpeg can be found or started
     */
    public static Ffmpeg locate(String configuredPath, Path cacheDir) {
        return locate(configuredPath, cacheDir, System.getenv("PATH"));
    }

    /** As {@link #locate(String, Path)}, with the PATH to search given explicitly (tests). */
    static Ffmpeg locate(String configuredPath, Path cacheDir, String searchPath) {
        Ffmpeg found;
        if (configuredPath != null && !configuredPath.isBlank()) {
            found = configured(Path.of(configuredPath.strip()));
        } else {
            found = onPath(searchPath).orElseGet(() -> BundledFfmpeg.prepare(cacheDir));
        }
        LOG.info("Using {} FFmpeg {} at {} (H.264 encoder {}){}", found.origin.name().toLowerCase(), found.version,
                found.ffmpeg, found.h264Encoder(),
                found.environment.isEmpty() ? "" : " with " + found.environment);
        return found;
    }

    /**
     * Runs ffmpeg with {@code -hide_banner -nostdin -nostats -loglevel error -y} before {@code args}.
     *
     * @throws MediaException on a non-zero exit (with its code and the end of stderr) or after {@code timeout},
     *                        when the process and its children are killed
     */
    public ProcessResult run(List<String> args, Duration timeout) {
        return counted(() -> ProcessRunner.run(command(ffmpeg, FFMPEG_FLAGS, args), environment, timeout));
    }

    /**
     * Runs ffmpeg with {@code args} and then the output file: written under a hidden temporary name beside
     * {@code out} and renamed into place, so a reader never sees half a file.
     */
    public ProcessResult runTo(List<String> args, Path out, Duration timeout) {
        Path temp = AtomicFiles.tempSibling(out);
        try {
            List<String> all = new ArrayList<>(args);
            all.add(temp.toString());
            ProcessResult result = run(all, timeout);
            AtomicFiles.move(temp, out);
            return result;
        } finally {
            AtomicFiles.discard(temp);
        }
    }

    /** Runs ffprobe with {@code -hide_banner -loglevel error} before {@code args}; fails as {@link #run} does. */
    public ProcessResult runProbe(List<String> args, Duration timeout) {
        return counted(() -> ProcessRunner.run(command(ffprobe, FFPROBE_FLAGS, args), environment, timeout));
    }

    /** Wall time spent in FFmpeg and ffprobe processes since start, summed over processes (a benchmark figure). */
    public Duration busyTime() {
        return Duration.ofNanos(busyNanos.sum());
    }

    private ProcessResult counted(Supplier<ProcessResult> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } finally {
            busyNanos.add(System.nanoTime() - start);
        }
    }

    /** The best H.264 encoder this build has (asked once with {@code -encoders}): libx264, libopenh264, else mpeg4. */
    public String h264Encoder() {
        String encoder = h264Encoder;
        if (encoder == null) {
            String listing = run(List.of("-encoders"), QUERY_TIMEOUT).stdout();
            encoder = ENCODER_PREFERENCE.stream().filter(name -> listsEncoder(listing, name)).findFirst()
                    .orElseThrow(() -> new MediaException(ffmpeg + " has none of the encoders " + ENCODER_PREFERENCE));
            h264Encoder = encoder;
        }
        return encoder;
    }

    /**
     * Output arguments for an MP4 every browser plays: H.264 ({@link #h264Encoder()}), yuv420p, constant
     * {@code fps}, a keyframe every 2 s (cheap seeking, e.g. for the last frame) and the index at the front
     * (+faststart) so playback starts before the download ends. The caller appends the output path.
     */
    public List<String> mp4VideoArgs(int width, int height, int fps) {
        List<String> args = new ArrayList<>(List.of("-c:v", h264Encoder()));
        switch (h264Encoder()) {
            case "libx264" -> args.addAll(List.of("-preset", "veryfast", "-crf", "20", "-profile:v", "high"));
            // openh264 has no quality mode worth using: give it a bitrate that suits the frame size.
            case "libopenh264" -> args.addAll(List.of("-b:v", String.valueOf(Math.max(500_000L,
                    (long) width * height * fps / 10))));
            default -> args.addAll(List.of("-q:v", "3"));
        }
        args.addAll(List.of("-pix_fmt", "yuv420p", "-r", String.valueOf(fps), "-g", String.valueOf(2 * fps),
                "-movflags", "+faststart", "-f", "mp4"));
        return args;
    }

    public Path ffmpegPath() {
        return ffmpeg;
    }

    public Path ffprobePath() {
        return ffprobe;
    }

    public Origin origin() {
        return origin;
    }

    /** The version ffmpeg reports, e.g. {@code 8.0.1}. */
    public String version() {
        return version;
    }

    /** Variables added to every child's environment (the bundled build's library path), empty otherwise. */
    public Map<String, String> environment() {
        return environment;
    }

    private static Ffmpeg configured(Path path) {
        Path program = Files.isDirectory(path) ? path.resolve("ffmpeg") : path;
        Path probe = program.resolveSibling("ffprobe");
        try {
            return new Ffmpeg(program, probe, Map.of(), Origin.CONFIGURED);
        } catch (MediaException e) {
            throw new MediaException("reelroute.ffmpeg.path is " + path + ", but " + e.getMessage()
                    + " (ffprobe is expected beside ffmpeg)", e);
        }
    }

    private static Optional<Ffmpeg> onPath(String searchPath) {
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path program = Path.of(dir, "ffmpeg");
            Path probe = Path.of(dir, "ffprobe");
            if (Files.isExecutable(program) && Files.isExecutable(probe)) {
                try {
                    return Optional.of(new Ffmpeg(program, probe, Map.of(), Origin.PATH));
                } catch (MediaException e) {
                    LOG.warn("Ignoring {} on the PATH: {}", program, e.getMessage());
                }
            }
        }
        return Optional.empty();
    }

    private ProcessResult runVersion(Path program) {
        return ProcessRunner.run(List.of(program.toString(), "-hide_banner", "-version"), environment, QUERY_TIMEOUT);
    }

    /** "ffmpeg version 8.0.1 Copyright ..." gives "8.0.1"; an odd build string is kept whole. */
    static String parseVersion(String versionOutput) {
        String[] words = versionOutput.strip().split("\\s+");
        return words.length >= 3 && words[1].equals("version") ? words[2] : versionOutput.lines().findFirst().orElse("?");
    }

    /** Lines of {@code -encoders} look like " V....D libx264   libx264 H.264 / AVC ...". */
    private static boolean listsEncoder(String listing, String name) {
        return listing.lines().map(String::strip).map(line -> line.split("\\s+"))
                .anyMatch(words -> words.length > 1 && words[0].startsWith("V") && words[1].equals(name));
    }

    private static List<String> command(Path program, List<String> flags, List<String> args) {
        List<String> command = new ArrayList<>(1 + flags.size() + args.size());
        command.add(program.toString());
        command.addAll(flags);
        command.addAll(args);
        return command;
    }
}
