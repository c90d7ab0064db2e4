package io.reelroute.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result download, against the simulator's file server: slow, cut short, missing. */
class DownloaderTest {
    @TempDir
    Path dir;

    private SimulatorServer server;
    private Path source;
    private String url;
    private final Downloader downloader = new Downloader(new ProviderHttp(new ObjectMapper(), Duration.ofMinutes(1)));

    @BeforeEach
    void setUp() throws Exception {
        server = SimulatorServer.start().serveFiles("files");
        byte[] content = new byte[1_000_000];
        new Random(7).nextBytes(content);
        source = Files.write(dir.resolve("source.mp4"), content);
        url = server.serve("result.mp4", source);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aSlowDownloadCompletesWithEveryByte() throws Exception {
        server.fault("files", Op.DOWNLOAD, new Fault.Slow(2_000_000), 1);
        Path target = dir.resolve("out/video.mp4");

        assertThat(downloader.download(url, Map.of(), target)).isEqualTo(1_000_000);
        assertThat(Files.mismatch(target, source)).isEqualTo(-1);
    }

    @Test
    void aDownloadCutShortIsRetryableAndLeavesNoFile() {
        server.fault("files", Op.DOWNLOAD, new Fault.Truncated(0.3), 1);
        Path target = dir.resolve("out/video.mp4");

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> downloader.download(url, Map.of(), target));

        assertThat(e.retryable()).isTrue();
        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
        assertThat(target).doesNotExist();
        assertThat(downloader.download(url, Map.of(), target)).as("the next try gets it all").isEqualTo(1_000_000);
    }

    @Test
    void aMissingResultIsARetryableFailure() {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> downloader.download(server.baseUrl() + "/files/gone.mp4", Map.of(), dir.resolve("v.mp4")));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).contains("404");
    }
}
