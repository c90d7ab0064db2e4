package io.reelroute.media;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout of a text-to-video title card: the prompt broken into lines that fit the frame, at the largest
 * font size (down to a floor) that fits them all; what still does not fit ends in an ellipsis.
 *
 * <p>Lines are drawn one drawtext each: FFmpeg 8's drawtext draws a newline inside a text as a box glyph.
 */
record TitleCard(List<String> lines, int fontSize, int lineHeight) {
    /** DejaVu Sans averages about 0.55 em per character of running text; 0.6 leaves a margin for wide words. */
    private static final double CHAR_WIDTH_EM = 0.6;
    private static final double LINE_HEIGHT_EM = 1.3;
    /** Share of the frame the text may use, leaving a margin all round. */
    private static final double TEXT_AREA = 0.84;

    static TitleCard layout(String text, FrameSize frame) {
        int shortSide = Math.min(frame.width(), frame.height());
        int largest = Math.max(12, shortSide / 12);
        int smallest = Math.max(12, shortSide / 30);
        List<String> words = List.of(text.strip().split("\\s+"));
        for (int size = largest; ; size = Math.max(smallest, (int) (size * 0.9))) {
            int lineHeight = (int) Math.round(size * LINE_HEIGHT_EM);
            int maxChars = Math.max(1, (int) (TEXT_AREA * frame.width() / (CHAR_WIDTH_EM * size)));
            int maxLines = Math.max(1, (int) (TEXT_AREA * frame.height() / lineHeight));
            List<String> lines = wrap(words, maxChars);
            if (lines.size() <= maxLines) {
                return new TitleCard(lines, size, lineHeight);
            }
            if (size == smallest) {
                return new TitleCard(truncate(lines, maxLines, maxChars), size, lineHeight);
            }
        }
    }

    /** Greedy wrapping; a word longer than a line is cut across lines. */
    static List<String> wrap(List<String> words, int maxChars) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : words) {
            while (word.length() > maxChars) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, maxChars));
                word = word.substring(maxChars);
            }
            if (word.isEmpty()) {
                continue;
            }
            if (!line.isEmpty() && line.length() + 1 + word.length() > maxChars) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static List<String> truncate(List<String> lines, int maxLines, int maxChars) {
        List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
        String last = kept.get(maxLines - 1);
        kept.set(maxLines - 1, (last.length() < maxChars ? last : last.substring(0, maxChars - 1)) + "…");
        return kept;
    }
}
