package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TitleCardTest {

    @Test
    void aShortPromptStaysOnOneLineAtTheLargestSize() {
        TitleCard card = TitleCard.layout("Harbour at dawn", new FrameSize(854, 480));
        assertThat(card.lines()).containsExactly("Harbour at dawn");
        assertThat(card.fontSize()).isEqualTo(40);
    }

    @Test
    void longPromptsWrapWithinTheFrame() {
        FrameSize vertical = new FrameSize(480, 854);
        String prompt = "A lighthouse keeper climbs the spiral stairs at dusk while a storm gathers over the grey sea";
        TitleCard card = TitleCard.layout(prompt, vertical);
        int maxChars = (int) (0.84 * vertical.width() / (0.6 * card.fontSize()));
        assertThat(card.lines()).hasSizeGreaterThan(1).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(maxChars));
        assertThat(String.join(" ", card.lines())).isEqualTo(prompt);
        assertThat(card.lines().size() * card.lineHeight()).isLessThanOrEqualTo(vertical.height());
    }

    @Test
    void veryLongPromptsShrinkThenEndInAnEllipsis() {
        String prompt = "word ".repeat(500).strip();
        TitleCard card = TitleCard.layout(prompt, new FrameSize(480, 480));
        assertThat(card.fontSize()).isEqualTo(16);
        assertThat(card.lines().get(card.lines().size() - 1)).endsWith("…");
        assertThat(card.lines().size() * card.lineHeight()).isLessThanOrEqualTo(480);
    }

    @Test
    void wordsLongerThanALineAreCut() {
        assertThat(TitleCard.wrap(List.of("abcdefghij", "xy"), 4)).containsExactly("abcd", "efgh", "ij", "xy");
        assertThat(TitleCard.wrap(List.of("to", "be", "or", "not"), 5)).containsExactly("to be", "or", "not");
    }
}
