package io.reelroute.media;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The camera motion local-preview puts over a still, read from the prompt's camera words.
 *
 * <p>A move is a window over the (frame-filling) still: a zoom factor (1 = the whole frame, 1.15 = a window
 * 1/1.15 as wide) and where the window sits in the room that zoom leaves (0 = left/top edge, 1 = right/bottom
 * edge). Each goes linearly from its start to its end value: constant speed, so no frame stands still.
 */
public enum CameraMove {
    STATIC("static", 1.0, 1.0, 0.5, 0.5, 0.5, 0.5),
    /** The camera turns left: the view travels from the right edge to the left edge. */
    PAN_LEFT("pan-left", 1.15, 1.15, 1, 0, 0.5, 0.5),
    PAN_RIGHT("pan-right", 1.15, 1.15, 0, 1, 0.5, 0.5),
    /** The camera tilts up: the view travels from the bottom edge to the top edge. */
    TILT_UP("tilt-up", 1.15, 1.15, 0.5, 0.5, 1, 0),
    TILT_DOWN("tilt-down", 1.15, 1.15, 0.5, 0.5, 0, 1),
    ZOOM_IN("zoom-in", 1.0, 1.3, 0.5, 0.5, 0.5, 0.5),
    ZOOM_OUT("zoom-out", 1.3, 1.0, 0.5, 0.5, 0.5, 0.5),
    /** What a prompt without camera words gets: a slow move in keeps a still from looking frozen. */
    GENTLE_PUSH_IN("gentle-push-in", 1.0, 1.1, 0.5, 0.5, 0.5, 0.5);

    /**
     * Camera phrases, matched on the prompt lower-cased with '-' and '_' read as spaces. Verb forms are allowed
     * ("pans left", "panning to the left", "zooming in").
     */
    private static final Map<CameraMove, Pattern> WORDS = Map.of(
            PAN_LEFT, words("pan(?:s|ning|ned)? (?:to the )?left"),
            PAN_RIGHT, words("pan(?:s|ning|ned)? (?:to the )?right"),
            TILT_UP, words("tilt(?:s|ing|ed)? up(?:ward|wards)?"),
            TILT_DOWN, words("tilt(?:s|ing|ed)? down(?:ward|wards)?"),
            ZOOM_IN, words("(?:zoom|push|dolly)(?:s|es|ing|ed)? in"),
            ZOOM_OUT, words("(?:zoom|pull|push|dolly)(?:s|es|ing|ed)? (?:out|back)"),
            STATIC, words("static|still|locked off"));

    private final String wireName;
    private final double zoomFrom;
    private final double zoomTo;
    private final double xFrom;
    private final double xTo;
    private final double yFrom;
    private final double yTo;

    CameraMove(String wireName, double zoomFrom, double zoomTo, double xFrom, double xTo, double yFrom, double yTo) {
        this.wireName = wireName;
        this.zoomFrom = zoomFrom;
        this.zoomTo = zoomTo;
        this.xFrom = xFrom;
        this.xTo = xTo;
        this.yFrom = yFrom;
        this.yTo = yTo;
    }

    /**
     * The move the prompt asks for. When it names several, the first one named wins ("pan left, then zoom in"
     * pans left); when it names none, {@link #GENTLE_PUSH_IN}.
     */
    public static CameraMove fromPrompt(String prompt) {
        if (prompt == null || prompt.isBlank()) {
            return GENTLE_PUSH_IN;
        }
        String text = prompt.toLowerCase(Locale.ROOT).replaceAll("[-_]", " ").replaceAll("\\s+", " ");
        CameraMove first = GENTLE_PUSH_IN;
        int firstAt = Integer.MAX_VALUE;
        for (var entry : WORDS.entrySet()) {
            Matcher m = entry.getValue().matcher(text);
            if (m.find() && m.start() < firstAt) {
                first = entry.getKey();
                firstAt = m.start();
            }
        }
        return first;
    }

    /** The name results carry, e.g. {@code pan-left}. */
    public String wireName() {
        return wireName;
    }

    /**
     * FFmpeg zoompan options (z, x, y) for {@code frames} output frames; {@code on} is zoompan's output frame
     * number. No commas inside, so the values need no filtergraph escaping.
     */
    List<String> zoompanOptions(int frames) {
        String progress = "on/" + Math.max(1, frames - 1);
        return List.of(
                "z=" + lerp(zoomFrom, zoomTo, progress),
                "x=(iw-iw/zoom)*" + lerp(xFrom, xTo, progress),
                "y=(ih-ih/zoom)*" + lerp(yFrom, yTo, progress));
    }

    private static String lerp(double from, double to, String progress) {
        return String.format(Locale.ROOT, "(%.6f+(%.6f)*%s)", from, to - from, progress);
    }

    private static Pattern words(String alternatives) {
        return Pattern.compile("\\b(?:" + alternatives + ")\\b");
    }
}
