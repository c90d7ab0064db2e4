package io.reelroute.provider.wavespeed;

import static io.reelroute.provider.ProviderCalls.accepted;
import static io.reelroute.provider.ProviderTestJobs.blob;
import static io.reelroute.provider.ProviderTestJobs.content;
import static io.reelroute.provider.ProviderTestJobs.local;
import static io.reelroute.provider.ProviderTestJobs.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.provider.Submitted;
import io.reelroute.simulator.SimulatorServer.Op;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A WaveSpeed job from a local still to a downloadable MP4, over real sockets. */
class WaveSpeedHappyPathTest {
    @RegisterExtension
    final WaveSpeedSimulation sim = new WaveSpeedSimulation();
    @TempDir
    Path blobs;

    @Test
    void submitPollUntilCompletedAndDownloadTheVideo() throws Exception {
        Path image = blob(blobs, "png", content("quay", 4000));
        Submitted submitted = sim.client.submit(request("""
                model: kling-2.5-turbo-std
                prompt: Fog rolls over the quay
                image: quay.png
                """, InputFacts.image(1280, 720), local("image", image)));
        Prediction prediction = accepted(submitted);
        List<String> statuses = new ArrayList<>();

        PollResult result = ProviderTestJobs.pollUntilDone(sim.client, prediction, statuses);

        assertThat(statuses).contains("processing").last().isEqualTo("completed");
        assertThat(result).isInstanceOf(PollResult.Succeeded.class);
        HttpResponse<byte[]> video = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(((PollResult.Succeeded) result).output()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.body()).isEqualTo(Files.readAllBytes(ProviderTestJobs.video()));
        assertThat(sim.client.downloadHeaders()).isEmpty();
    }

    @Test
    void cancelIsNotOfferedAndCallsNothing() {
        Prediction prediction = Prediction.of("wavespeed-anything");

        assertThat(sim.client.cancel(prediction)).isFalse();
        assertThat(sim.count(Op.CANCEL) + sim.count(Op.POLL) + sim.count(Op.SUBMIT)).isZero();
        assertThat(sim.client.providerId()).isEqualTo("wavespeed");
    }
}
