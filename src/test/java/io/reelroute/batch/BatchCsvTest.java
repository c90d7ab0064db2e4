package io.reelroute.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.spec.SpecReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchCsvTest {
    private final BatchCsv csv = new BatchCsv(new SpecReader());

    private BatchCsv.Content read(String text) {
        return csv.read(text.getBytes(StandardCharsets.UTF_8), "jobs.csv");
    }

    @Test
    void readsTypedFieldsFromText() {
        List<BatchCsv.Row> rows = read("""
                row_id,prompt,model,duration,seed,guidance_scale,generate_audio,tags,shot
                a,sunrise,local-preview,3,42,0.5,TRUE,warm;coast,"{""camera_language"": ""slow push-in""}"
                """).rows();
        BatchCsv.Row row = rows.get(0);
        assertThat(row.error()).isNull();
        assertThat(row.rowId()).isEqualTo("a");
        assertThat(row.spec().prompt()).isEqualTo("sunrise");
        assertThat(row.spec().duration()).isEqualByComparingTo(new BigDecimal("3"));
        assertThat(row.spec().seed()).isEqualTo(42L);
        assertThat(row.spec().guidanceScale()).isEqualByComparingTo("0.5");
        assertThat(row.spec().generateAudio()).isTrue();
        assertThat(row.spec().tags()).containsExactly("warm", "coast");
        assertThat(row.spec().shot().cameraLanguage()).isEqualTo("slow push-in");
    }

    @Test
    void acceptsBomCrlfAndQuotedCommasAndLineBreaks() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "prompt,duration\r\n\"waves, then gulls\",2\r\n\"line one\r\nline two\",3\r\n\r\n";
        byte[] content = new byte[bom.length + text.getBytes(StandardCharsets.UTF_8).length];
        System.arraycopy(bom, 0, content, 0, 3);
        System.arraycopy(text.getBytes(StandardCharsets.UTF_8), 0, content, 3, content.length - 3);
        List<BatchCsv.Row> rows = csv.read(content, "jobs.csv").rows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).spec().prompt()).isEqualTo("waves, then gulls");
        assertThat(rows.get(0).rowId()).as("row number when there is no row_id").isEqualTo("1");
        assertThat(rows.get(1).spec().prompt()).isEqualTo("line one\r\nline two");
    }

    @Test
    void unknownColumnIsRefusedWithASuggestion() {
        assertThatThrownBy(() -> read("row_id,promt\n1,x\n"))
                .isInstanceOfSatisfying(ReelrouteException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
                    assertThat(e.field()).isEqualTo("promt");
                    assertThat(e.getMessage()).contains("unknown column 'promt'").contains("did you mean 'prompt'?");
                });
    }

    @Test
    void aBadRowIsReportedOnItsOwnNamingItsField() {
        List<BatchCsv.Row> rows = read("row_id,prompt,duration\nok,x,2\nbad,y,long\nwide,z,2,extra\n").rows();
        assertThat(rows.get(0).error()).isNull();
        assertThat(rows.get(1).error().code()).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(rows.get(1).error().getMessage()).contains("duration").contains("jobs.csv row bad");
        assertThat(rows.get(2).error().getMessage()).contains("row wide").contains("4 cells");
    }

    @Test
    void fileLevelProblemsRefuseTheWholeFile() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> read("prompt\n")).hasMessageContaining("no rows");
        assertThatThrownBy(() -> read("prompt,prompt\na,b\n")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> read("row_id,prompt\n1,a\n1,b\n")).hasMessageContaining("row_id '1' appears twice");
        assertThatThrownBy(() -> csv.read(new byte[] {'p', '\n', (byte) 0xC3, 0x28}, "x.csv"))
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void recognisesAResultsFile() {
        BatchCsv.Content content = read("row_id,job_id,status,cost_usd,video,error\na,J1,completed,0,v.mp4,\nb,,pending,,,\n");
        assertThat(content.isResults()).isTrue();
        assertThat(content.results()).containsExactly(new BatchCsv.ResultRow("a", "J1"), new BatchCsv.ResultRow("b", ""));
    }
}
