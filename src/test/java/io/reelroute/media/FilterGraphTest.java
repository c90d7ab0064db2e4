package io.reelroute.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterGraphTest {

    @Test
    void escapesForTheOptionParserThenForTheGraphParser() {
        assertThat(FilterGraph.escapeValue("/plain/path.ttf")).isEqualTo("/plain/path.ttf");
        // ':' -> '\:' (options) -> '\\:' (graph); ',' only matters to the graph
        assertThat(FilterGraph.escapeValue("/a:b,c")).isEqualTo("/a\\\\:b\\,c");
        assertThat(FilterGraph.escapeValue("it's")).isEqualTo("it\\\\\\'s");
        assertThat(FilterGraph.escapeValue("[x];")).isEqualTo("\\[x\\]\\;");
    }
}
