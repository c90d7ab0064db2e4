package io.reelroute.provider.wavespeed;

import static io.reelroute.provider.ProviderCalls.submitFails;
import static io.reelroute.provider.ProviderTestJobs.blob;
import static io.reelroute.provider.ProviderTestJobs.content;
import static io.reelroute.provider.ProviderTestJobs.local;
import static io.reelroute.provider.ProviderTestJobs.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Recorded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Local inputs through WaveSpeed's presigned upload: once per content, exact headers, expiry and retries. */
class WaveSpeedUploadTest {
    @RegisterExtension
    final WaveSpeedSimulation sim = new WaveSpeedSimulation();
    @TempDir
    Path blobs;

    private SubmitRequest jobWith(Path image, String prompt) {
        return request("""
                model: wan-2.5
                prompt: %s
                image: still.png
                """.formatted(prompt), InputFacts.image(1280, 720), local("image", image));
    }

    @Test
    void theSameContentIsUploadedOnceForTwoJobs() {
        Path image = blob(blobs, "png", content("harbour", 5000));

        sim.client.submit(jobWith(image, "Boats rock in the harbour"));
        sim.client.submit(jobWith(image, "Gulls circle over the harbour"));

        assertThat(sim.count(Op.UPLOAD)).isEqualTo(1);
        assertThat(sim.protocol.initiations()).isEqualTo(1);
        assertThat(sim.requests(Op.SUBMIT)).extracting(r -> r.json().get("image").asText()).hasSize(2)
                .allMatch(url -> url.equals(sim.requests(Op.SUBMIT).get(0).json().get("image").asText()));
    }

    @Test
    void thePutCarriesTheSignedHeadersAndTheBytesButNeverTheKey() {
        Path image = blob(blobs, "webp", content("street", 7000));

        sim.client.submit(jobWith(image, "Neon lights flicker on"));

        Recorded put = sim.requests(Op.UPLOAD).get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).startsWith("/wavespeed/object-store/");
        assertThat(put.header("Authorization")).isNull();
        assertThat(put.header("Content-Type")).isEqualTo("image/webp");
        assertThat(put.header("x-amz-meta-signature")).isNotBlank();
        assertThat(put.body()).isEqualTo(content("street", 7000));
        assertThat(sim.uploaded(sim.lastSubmit().json().get("image").asText())).isEqualTo(content("street", 7000));
    }

    @Test
    void anExpiredUploadUrlIsAskedForAgainAndTheUploadSucceeds() {
        Path image = blob(blobs, "png", content("late", 3000));
        sim.server.fault("wavespeed", Op.UPLOAD, new Fault.Expired(), 1);

        sim.client.submit(jobWith(image, "The door opens slowly"));

        assertThat(sim.protocol.initiations()).isEqualTo(2);
        assertThat(sim.count(Op.UPLOAD)).isEqualTo(2);
        assertThat(sim.count(Op.SUBMIT)).isEqualTo(1);
        assertThat(sim.uploaded(sim.lastSubmit().json().get("image").asText())).isEqualTo(content("late", 3000));
    }

    @Test
    void twoExpiredUrlsInARowFailTheUploadAndNothingIsSubmitted() {
        Path image = blob(blobs, "png", content("stale", 3000));
        sim.server.fault("wavespeed", Op.UPLOAD, new Fault.Expired(), 2);

        ProviderException e = submitFails(sim.client, jobWith(image, "Nothing happens"));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_FAILED);
        assertThat(e.getMessage()).contains("403");
        assertThat(sim.count(Op.SUBMIT)).isZero();
        assertThat(sim.uploads.find("wavespeed", local("image", image).sha256())).isEmpty();
    }

    @Test
    void aStorageOutageDuringThePutIsRetriedBecauseUploadsCostNothing() {
        Path image = blob(blobs, "png", content("retry", 3000));
        sim.server.fault("wavespeed", Op.UPLOAD, Fault.status(503, "<Error><Code>SlowDown</Code></Error>"), 1);

        sim.client.submit(jobWith(image, "Waves roll in"));

        assertThat(sim.count(Op.UPLOAD)).isEqualTo(2);
        assertThat(sim.count(Op.SUBMIT)).isEqualTo(1);
        assertThat(sim.uploaded(sim.lastSubmit().json().get("image").asText())).isEqualTo(content("retry", 3000));
    }

    @Test
    void aRefusedKeyStopsTheUploadBeforeAnySubmit() {
        Path image = blob(blobs, "png", content("nokey", 3000));

        ProviderException e = submitFails(sim.clientWithKey("not-the-key"), jobWith(image, "Anything"));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain("not-the-key");
        assertThat(sim.protocol.initiations()).isZero();
        assertThat(sim.count(Op.SUBMIT)).isZero();
    }
}
