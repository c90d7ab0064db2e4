package io.reelroute.provider.kie;

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

/** A Sora 2 job on KIE from a local still to a downloadable MP4, over real sockets. */
class KieHappyPathTest {
    @RegisterExtension
    final KieSimulation sim = new KieSimulation();
    @TempDir
    Path blobs;

    @Test
    void submitPollUntilSuccessAndDownloadTheVideo() throws Exception {
        Path image = blob(blobs, "png", content("canal", 4000));
        Submitted submitted = sim.client.submit(request("""
                model: sora-2
                prompt: A gondola glides along the canal
                image: canal.png
                """, InputFacts.image(1280, 720), local("image", image)));
        Prediction prediction = accepted(submitted);
        List<String> states = new ArrayList<>();

        PollResult result = ProviderTestJobs.pollUntilDone(sim.client, prediction, states);

        assertThat(states).contains("generating").last().isEqualTo("success");
        assertThat(states).isSubsetOf("waiting", "queuing", "generating", "success");
        assertThat(result).isInstanceOf(PollResult.Succeeded.class);
        assertThat(sim.requests(Op.POLL).get(0).query()).isEqualTo("taskId=" + prediction.id());
        HttpResponse<byte[]> video = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(((PollResult.Succeeded) result).output()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.body()).isEqualTo(Files.readAllBytes(ProviderTestJobs.video()));
    }

    @Test
    void cancelIsNotOfferedAndCallsNothing() {
        assertThat(sim.client.cancel(Prediction.of("kie-anything"))).isFalse();
        assertThat(sim.count(Op.CANCEL) + sim.count(Op.POLL) + sim.count(Op.SUBMIT)).isZero();
        assertThat(sim.client.providerId()).isEqualTo("kie");
    }
}
