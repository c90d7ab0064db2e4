package io.reelroute.media;

import io.reelroute.files.AtomicFiles;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.javacpp.Loader;

/**
 * The ffmpeg and ffprobe programs inside the {@code org.bytedeco:ffmpeg} jar.
 *
 * <p>What was measured on this project's machines (see native/pulse-stub/build.sh):
 * <ul>
 *   <li>{@code Loader.load(ffmpeg.class)} first loads the JNI libraries into this JVM, then extracts the program
 *       to {@code ~/.javacpp/cache/...} and returns its path. libavdevice links PulseAudio's libpulse.so.0; on a
 *       machine without it the JVM load fails with UnsatisfiedLinkError and can never be retried (the class stays
 *       broken). So the stand-in must be loaded into the JVM <em>before</em> the first call.</li>
 *   <li>The extracted libavutil has no RUNPATH, so the program only finds its sibling libraries (libva.so.2, ...)
 *       when their folder is on LD_LIBRARY_PATH.</li>
 * </ul>
 * The stand-in libpulse.so.0 ({@code /native/linux-x86_64/libpulse.so.0} on the classpath) is copied to
 * {@code <cacheDir>/native/} and used only when the machine has no real libpulse.so.0.
 */
final class BundledFfmpeg {
    static final String PULSE = "libpulse.so.0";
    private static final String STUB_RESOURCE = "/native/linux-x86_64/" + PULSE;
    /** Where distributions put shared libraries; LD_LIBRARY_PATH entries are searched too. */
    private static final List<String> LIBRARY_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/usr/local/lib");
    private static boolean stubLoadedInJvm;

    private BundledFfmpeg() {
    }

    static synchronized Ffmpeg prepare(Path cacheDir) {
        Path stubDir = systemHasPulse() ? null : installStub(cacheDir);
        if (stubDir != null && !stubLoadedInJvm) {
            // A library already loaded under the soname libpulse.so.0 satisfies libavdevice's dependency.
            System.load(stubDir.resolve(PULSE).toString());
            stubLoadedInJvm = true;
        }
        Path ffmpeg = load(org.bytedeco.ffmpeg.ffmpeg.class);
        Path ffprobe = load(org.bytedeco.ffmpeg.ffprobe.class);
        try {
            return new Ffmpeg(ffmpeg, ffprobe, environment(stubDir, ffmpeg.getParent()), Ffmpeg.Origin.BUNDLED);
        } catch (MediaException e) {
            // The JVM found some libpulse.so.0, but the program's loader did not (another folder, another arch).
            if (stubDir != null || !e.getMessage().contains(PULSE)) {
                throw e;
            }
            Path stub = installStub(cacheDir);
            return new Ffmpeg(ffmpeg, ffprobe, environment(stub, ffmpeg.getParent()), Ffmpeg.Origin.BUNDLED);
        }
    }

    private static Path load(Class<?> program) {
        try {
            String path = Loader.load(program);
            if (path == null) {
                throw new MediaException("org.bytedeco:ffmpeg has no " + program.getSimpleName() + " for "
                        + Loader.getPlatform());
            }
            return Path.of(path);
        } catch (LinkageError e) {
            throw new MediaException("The bundled FFmpeg cannot be loaded on this machine (" + e.getMessage()
                    + "); install FFmpeg or set reelroute.ffmpeg.path", e);
        }
    }

    /** LD_LIBRARY_PATH = [stub folder :] the program's own folder [: what the service was started with]. */
    private static Map<String, String> environment(Path stubDir, Path programDir) {
        List<String> dirs = new ArrayList<>();
        if (stubDir != null) {
            dirs.add(stubDir.toString());
        }
        dirs.add(programDir.toString());
        String inherited = System.getenv("LD_LIBRARY_PATH");
        if (inherited != null && !inherited.isBlank()) {
            dirs.add(inherited);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LD_LIBRARY_PATH", String.join(File.pathSeparator, dirs));
        return env;
    }

    private static Path installStub(Path cacheDir) {
        Path dir = cacheDir.toAbsolutePath().resolve("native");
        AtomicFiles.extractResource(STUB_RESOURCE, dir.resolve(PULSE));
        return dir;
    }

    static boolean systemHasPulse() {
        return systemLibrary(PULSE).isPresent();
    }

    private static Optional<Path> systemLibrary(String soname) {
        List<String> dirs = new ArrayList<>();
        String ldPath = System.getenv("LD_LIBRARY_PATH");
        if (ldPath != null) {
            dirs.addAll(List.of(ldPath.split(File.pathSeparator)));
        }
        dirs.addAll(LIBRARY_DIRS);
        return dirs.stream().filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, soname))
                .filter(Files::isRegularFile).findFirst();
    }
}
