package io.reelroute.media;

import io.reelroute.files.AtomicFiles;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The renderer of the built-in, offline {@code local-preview} model (CONTRACT section 5): camera motion over a
 * still, a title card for text, the still with its voice track for a talking avatar. Every frame is made and
 * encoded by one FFmpeg child per render; no picture passes through the JVM.
 */
public final class LocalPreviewRenderer {
    /**
     * Motion is computed on the still scaled to this many times the output size, then scaled down. zoompan places
     * its window on whole pixels, which at output size makes a slow pan move 0 or 1-2 pixels per frame: visible
     * judder and frozen frames. At 4x the steps are a quarter pixel of the output.
     */
    static final int OVERSAMPLE = 4;
    private static final String FONT_RESOURCE = "/fonts/DejaVuSans.ttf";
    private static final String CARD_BACKGROUND = "0x12161c";
    private static final double LONGEST_FADE_S = 1.0;
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final Ffmpeg ffmpeg;
    private final MediaProbe probe;
    private final Path fontFile;
    private final Duration timeout;

    /** @param cacheDir where the title-card font is extracted ({@code <cacheDir>/fonts/DejaVuSans.ttf}) */
    public LocalPreviewRenderer(Ffmpeg ffmpeg, Path cacheDir) {
        this(ffmpeg, cacheDir, DEFAULT_TIMEOUT);
    }

    /** @param timeout the longest one render may take before its FFmpeg is stopped */
    public LocalPreviewRenderer(Ffmpeg ffmpeg, Path cacheDir, Duration timeout) {
        this.ffmpeg = ffmpeg;
        this.probe = new MediaProbe(ffmpeg);
        this.timeout = timeout;
        // drawtext needs a real font file, and a fresh machine may have no fonts at all: ship one.
        this.fontFile = AtomicFiles.extractResource(FONT_RESOURCE,
                cacheDir.toAbsolutePath().resolve("fonts").resolve("DejaVuSans.ttf"));
    }

    /**
     * @throws ReelrouteException for a request that cannot be rendered (unknown operation, missing image, audio
     *                            or prompt, bad duration, size or aspect), naming the spec field
     * @throws MediaException     when FFmpeg fails
     */
    public RenderResult render(RenderRequest request) {
        String operation = request.operation() == null ? "" : request.operation();
        return switch (operation) {
            case RenderRequest.IMAGE_TO_VIDEO -> imageToVideo(request);
            case RenderRequest.TEXT_TO_VIDEO -> textToVideo(request);
            case RenderRequest.TALKING_AVATAR -> talkingAvatar(request);
            default -> throw new ReelrouteException(ErrorCode.UNSUPPORTED_PARAMETER, "local-preview cannot do "
                    + operation + "; it does image-to-video, text-to-video and talking-avatar", "operation");
        };
    }

    /** The still fills the frame (scaled to cover, centre kept), then the prompt's camera move runs over it. */
    private RenderResult imageToVideo(RenderRequest r) {
        ImageInspector.Header still = requireImage(r);
        FrameSize size = FrameSize.of(r.resolution(), aspectFor(r, still));
        int frames = frameCount(r);
        CameraMove move = CameraMove.fromPrompt(r.prompt());
        int bigWidth = size.width() * OVERSAMPLE;
        int bigHeight = size.height() * OVERSAMPLE;
        // yuv444p for zoompan: it takes planar formats only, and in yuv420p it rounds the window to even pixels.
        String graph = coverFilter(bigWidth, bigHeight) + ",format=yuv444p"
                + ",zoompan=" + String.join(":", move.zoompanOptions(frames)) + ":d=" + frames + ":s=" + size
                + ":fps=" + r.fps() + ",format=yuv420p[v]";
        List<String> args = new ArrayList<>(List.of("-f", still.format().demuxer(), "-i", path(r.image()),
                "-filter_complex", graph, "-map", "[v]", "-frames:v", String.valueOf(frames)));
        args.addAll(ffmpeg.mp4VideoArgs(size.width(), size.height(), r.fps()));
        return new RenderResult(r.outputMp4(), encode(args, r.outputMp4()), move.wireName());
    }

    /** The prompt in centred lines on a dark card, fading in and out. */
    private RenderResult textToVideo(RenderRequest r) {
        if (r.prompt() == null || r.prompt().isBlank()) {
            throw new ReelrouteException(ErrorCode.MISSING_INPUT, "text-to-video needs a prompt: the card's text", "prompt");
        }
        FrameSize size = FrameSize.of(r.resolution(), r.aspect() == null ? "16:9" : r.aspect());
        int frames = frameCount(r);
        double seconds = (double) frames / r.fps();
        Path lineDir = tempDirBeside(r.outputMp4());
        try {
            double fade = Math.min(LONGEST_FADE_S, seconds / 4);
            String filters = textFilters(r.prompt(), size, lineDir) + String.format(Locale.ROOT,
                    ",fade=t=in:st=0:d=%.3f,fade=t=out:st=%.3f:d=%.3f", fade, seconds - fade, fade);
            List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i",
                    "color=c=" + CARD_BACKGROUND + ":s=" + size + ":r=" + r.fps(),
                    "-vf", filters, "-frames:v", String.valueOf(frames)));
            args.addAll(ffmpeg.mp4VideoArgs(size.width(), size.height(), r.fps()));
            return new RenderResult(r.outputMp4(), encode(args, r.outputMp4()), CameraMove.STATIC.wireName());
        } finally {
            AtomicFiles.deleteTree(lineDir);
        }
    }

    /** The title card as one PNG still (a story's stand-in picture for a shot that has none). */
    public Path titleStill(String text, FrameSize size, Path outPng) {
        Path lineDir = tempDirBeside(outPng);
        try {
            ffmpeg.runTo(List.of("-f", "lavfi", "-i", "color=c=" + CARD_BACKGROUND + ":s=" + size + ":r=1",
                    "-vf", textFilters(text, size, lineDir), "-frames:v", "1", "-f", "image2", "-c:v", "png"),
                    outPng, timeout);
            return outPng;
        } finally {
            AtomicFiles.deleteTree(lineDir);
        }
    }

    /** drawtext filters that set the text in centred lines, one line file each. */
    private String textFilters(String text, FrameSize size, Path lineDir) {
        TitleCard card = TitleCard.layout(text, size);
        List<String> filters = new ArrayList<>();
        int top = (size.height() - card.lines().size() * card.lineHeight()) / 2;
        try {
            for (int i = 0; i < card.lines().size(); i++) {
                // textfile=: the text never enters the filtergraph, so it needs no escaping; expansion=none keeps
                // a '%' in it literal.
                Path lineFile = lineDir.resolve("line-" + i + ".txt");
                Files.writeString(lineFile, card.lines().get(i), StandardCharsets.UTF_8);
                filters.add("drawtext=fontfile=" + FilterGraph.escapeValue(fontFile.toString())
                        + ":textfile=" + FilterGraph.escapeValue(lineFile.toString())
                        + ":expansion=none:fontcolor=white:fontsize=" + card.fontSize()
                        + ":y_align=font:x=(w-text_w)/2:y=" + (top + i * card.lineHeight()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(",", filters);
    }

    /** The still (cover-fitted) held for as long as the voice track, with that track as AAC. */
    private RenderResult talkingAvatar(RenderRequest r) {
        ImageInspector.Header still = requireImage(r);
        if (r.audio() == null) {
            throw new ReelrouteException(ErrorCode.MISSING_INPUT, "talking-avatar needs an audio track", "audio");
        }
        FrameSize size = FrameSize.of(r.resolution(), aspectFor(r, still));
        long probeStarted = System.nanoTime();
        double audioSeconds = probe.audioSeconds(r.audio(), "audio");
        Duration probeTime = Duration.ofNanos(System.nanoTime() - probeStarted);
        // enough frames to cover the audio: the clip is as long as the voice, never cut short
        int frames = (int) Math.ceil(audioSeconds * r.fps() - 1e-6);
        // The still is decoded and scaled once, then the loop filter repeats that one frame.
        String graph = coverFilter(size.width(), size.height()) + ",format=yuv420p,loop=loop=-1:size=1[v]";
        List<String> args = new ArrayList<>(List.of(
                "-f", still.format().demuxer(), "-framerate", String.valueOf(r.fps()), "-i", path(r.image()),
                "-i", path(r.audio()), "-filter_complex", graph, "-map", "[v]", "-map", "1:a:0",
                "-frames:v", String.valueOf(frames), "-c:a", "aac", "-b:a", "128k"));
        args.addAll(ffmpeg.mp4VideoArgs(size.width(), size.height(), r.fps()));
        Duration took = probeTime.plus(encode(args, r.outputMp4()));
        return new RenderResult(r.outputMp4(), took, CameraMove.STATIC.wireName());
    }

    /**
     * Scale so the picture covers the frame, then crop the overflow evenly: the centre is kept. Limited ("tv")
     * range: a JPEG's full range would otherwise be carried through and tagged (yuvj420p), which some players
     * show washed out.
     */
    private static String coverFilter(int width, int height) {
        return "[0:v]scale=" + width + ":" + height + ":force_original_aspect_ratio=increase:flags=bicubic:out_range=tv"
                + ",crop=" + width + ":" + height + ",setsar=1";
    }

    private static ImageInspector.Header requireImage(RenderRequest r) {
        if (r.image() == null) {
            throw new ReelrouteException(ErrorCode.MISSING_INPUT, r.operation() + " needs an image", "image");
        }
        return ImageInspector.readHeader(r.image(), "image");
    }

    /** No aspect asked: keep the still's own shape as far as the supported ones allow. */
    private static String aspectFor(RenderRequest r, ImageInspector.Header still) {
        return r.aspect() != null ? r.aspect() : FrameSize.nearestAspect(still.size().width(), still.size().height());
    }

    /** Exactly duration x fps frames, so the clip is as long as asked. */
    private static int frameCount(RenderRequest r) {
        if (!(r.durationS() > 0) || r.durationS() > 600) {
            throw new ReelrouteException(ErrorCode.UNSUPPORTED_PARAMETER, "duration " + r.durationS()
                    + " is not supported; local-preview renders 0 to 600 seconds", "duration");
        }
        return Math.max(1, (int) Math.round(r.durationS() * r.fps()));
    }

    /** Runs FFmpeg into a hidden temp file beside the output, then renames it into place. */
    private Duration encode(List<String> args, Path output) {
        Path temp = AtomicFiles.tempSibling(output);
        try {
            List<String> withOutput = new ArrayList<>(args);
            withOutput.add(temp.toString());
            Duration took = ffmpeg.run(withOutput, timeout).elapsed();
            AtomicFiles.move(temp, output);
            return took;
        } finally {
            AtomicFiles.discard(temp);
        }
    }

    private static String path(Path file) {
        return file.toAbsolutePath().toString();
    }

    private static Path tempDirBeside(Path output) {
        try {
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, ".title-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
