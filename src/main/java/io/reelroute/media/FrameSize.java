package io.reelroute.media;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output frame size from the spec's {@code resolution} and {@code aspect}. The resolution names the short side
 * ("480p" is 480 pixels high when horizontal, 480 wide when vertical); the long side follows the aspect, rounded
 * to an even number because H.264 in yuv420p needs even sizes (480p 16:9 is 854x480).
 */
public record FrameSize(int width, int height) {
    private static final Pattern RESOLUTION = Pattern.compile("(\\d{3,4})p");
    private static final int MIN_SHORT_SIDE = 144;
    private static final int MAX_SHORT_SIDE = 2160;
    private static final Map<String, String> ASPECT_WORDS =
            Map.of("horizontal", "16:9", "vertical", "9:16", "square", "1:1");

    /**
     * @param resolution {@code 480p}, {@code 720p}, {@code 1080p} (any {@code <n>p} from 144p to 2160p)
     * @param aspect     {@code 16:9}, {@code 9:16}, {@code 1:1}, or {@code horizontal}/{@code vertical}/{@code square}
     * @throws ReelrouteException {@code unsupported_parameter} naming the field for anything else
     */
    public static FrameSize of(String resolution, String aspect) {
        Matcher m = RESOLUTION.matcher(resolution == null ? "" : resolution.strip().toLowerCase(Locale.ROOT));
        int shortSide = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (shortSide < MIN_SHORT_SIDE || shortSide > MAX_SHORT_SIDE) {
            throw new ReelrouteException(ErrorCode.UNSUPPORTED_PARAMETER, "resolution " + resolution
                    + " is not supported; use 480p, 720p or 1080p", "resolution");
        }
        int longSide = even(shortSide * 16 / 9.0);
        return switch (normalizeAspect(aspect)) {
            case "16:9" -> new FrameSize(longSide, even(shortSide));
            case "9:16" -> new FrameSize(even(shortSide), longSide);
            default -> new FrameSize(even(shortSide), even(shortSide));
        };
    }

    /** "horizontal" gives "16:9", and so on; "16:9", "9:16" and "1:1" stay as they are. */
    public static String normalizeAspect(String aspect) {
        String value = aspect == null ? "" : aspect.strip().toLowerCase(Locale.ROOT);
        value = ASPECT_WORDS.getOrDefault(value, value);
        if (!value.equals("16:9") && !value.equals("9:16") && !value.equals("1:1")) {
            throw new ReelrouteException(ErrorCode.UNSUPPORTED_PARAMETER, "aspect " + aspect
                    + " is not supported; use 16:9, 9:16, 1:1, horizontal, vertical or square", "aspect");
        }
        return value;
    }

    /**
     * The supported aspect closest to a picture's shape, comparing ratios on a log scale. 4:3 sits exactly halfway
     * between 1:1 and 16:9 (16:9 is 4:3 squared); it goes to 16:9, the common video shape, and 3:4 to 9:16.
     */
    public static String nearestAspect(int width, int height) {
        double shape = Math.log((double) width / height);
        double halfway = Math.log(16 / 9.0) / 2;
        if (Math.abs(shape) < halfway - 1e-9) {
            return "1:1";
        }
        return shape > 0 ? "16:9" : "9:16";
    }

    /** "854x480", as FFmpeg's size options take it. */
    @Override
    public String toString() {
        return width + "x" + height;
    }

    private static int even(double pixels) {
        return 2 * (int) Math.round(pixels / 2);
    }
}
