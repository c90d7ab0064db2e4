package io.reelroute.media;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Decides whether a still can be used, cheapest check first, and says why not in words a person can act on.
 *
 * <ol>
 *   <li>empty file;</li>
 *   <li>first bytes: PNG, JPEG or WebP, whatever the name says;</li>
 *   <li>the size the header declares, rejected above {@code maxSide} before anything is decoded;</li>
 *   <li>a full decode in a child ffmpeg: clean only with exit 0 <em>and</em> nothing on stderr (measured: a
 *       truncated JPEG decodes with exit 0 but prints "overread").</li>
 * </ol>
 */
public final class ImageInspector {
    public static final int DEFAULT_MAX_SIDE = 8192;
    private static final Duration DECODE_TIMEOUT = Duration.ofMinutes(2);

    private final Ffmpeg ffmpeg;
    private final int maxSide;

    public ImageInspector(Ffmpeg ffmpeg) {
        this(ffmpeg, DEFAULT_MAX_SIDE);
    }

    /** @param maxSide the {@code reelroute.image.max-side} setting: largest accepted width or height in pixels */
    public ImageInspector(Ffmpeg ffmpeg, int maxSide) {
        this.ffmpeg = ffmpeg;
        this.maxSide = maxSide;
    }

    /**
     * @param field the spec field the image came from ({@code image}, {@code mask_image}), named in the error
     * @throws ReelrouteException {@code missing_input} when the file does not exist, {@code invalid_input} when
     *                            it is empty, not a PNG/JPEG/WebP, damaged, or too large
     */
    public ImageInfo inspect(Path image, String field) {
        Header header = readHeader(image, field);
        ImageHeader.Dimensions size = header.size();
        if (size.width() > maxSide || size.height() > maxSide) {
            throw invalid(field, "%s is %dx%d pixels; the largest accepted is %d pixels on a side (reelroute.image.max-side)",
                    image.getFileName(), size.width(), size.height(), maxSide);
        }
        decode(image, header.format(), field);
        return new ImageInfo(header.format().label(), size.width(), size.height());
    }

    /** Format and declared size, the checks that need no decoding; used by the renderer to pick a demuxer. */
    static Header readHeader(Path image, String field) {
        if (!Files.isRegularFile(image)) {
            throw new ReelrouteException(ErrorCode.MISSING_INPUT, image.getFileName() + " does not exist", field);
        }
        try (FileChannel file = FileChannel.open(image)) {
            if (file.size() == 0) {
                throw invalid(field, "%s is empty (0 bytes)", image.getFileName());
            }
            ByteBuffer head = ByteBuffer.allocate(ImageFormat.SNIFF_BYTES);
            file.read(head, 0);
            ImageFormat format = ImageFormat.sniff(java.util.Arrays.copyOf(head.array(), head.position()))
                    .orElseThrow(() -> invalid(field, "%s is not a PNG, JPEG or WebP image", image.getFileName()));
            if (format == ImageFormat.WEBP && ImageHeader.animatedWebp(file)) {
                throw invalid(field, "%s is an animated WebP; use a still PNG, JPEG or WebP image", image.getFileName());
            }
            try {
                return new Header(format, ImageHeader.dimensions(format, file));
            } catch (ImageHeader.Malformed e) {
                throw invalid(field, "%s is damaged: %s", image.getFileName(), e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + image, e);
        }
    }

    record Header(ImageFormat format, ImageHeader.Dimensions size) {
    }

    private void decode(Path image, ImageFormat format, String field) {
        String problem;
        try {
            // -xerror: stop at the first decoding error; -frames:v 1: the renderer only ever uses the first frame.
            String stderr = ffmpeg.run(List.of("-xerror", "-f", format.demuxer(), "-i", image.toAbsolutePath().toString(),
                    "-frames:v", "1", "-f", "null", "-"), DECODE_TIMEOUT).stderrTail();
            if (stderr.isBlank()) {
                return;
            }
            problem = stderr;
        } catch (MediaException e) {
            if (e.timedOut()) {
                throw e; // not the image's fault as far as we know: an internal error, not a rejected input
            }
            problem = e.stderrTail();
        }
        throw invalid(field, "%s is damaged: %s", image.getFileName(), describe(image, format, problem));
    }

    private static String describe(Path image, ImageFormat format, String ffmpegErrors) {
        try (FileChannel file = FileChannel.open(image)) {
            if (ImageHeader.endsEarly(format, file)) {
                return "the image data ends early";
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // "[png @ 0x55d0] chunk too big" -> "chunk too big": the address means nothing to a user
        String first = ffmpegErrors.strip().lines().findFirst().orElse("").replaceAll("\\[[^]]*@ 0x[0-9a-f]+] ", "");
        return "FFmpeg could not decode it (" + first.strip() + ")";
    }

    private static ReelrouteException invalid(String field, String format, Object... args) {
        return new ReelrouteException(ErrorCode.INVALID_INPUT, String.format(format, args), field);
    }
}
