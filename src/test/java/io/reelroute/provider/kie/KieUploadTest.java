package io.reelroute.provider.kie;

import static io.reelroute.provider.ProviderCalls.submitFails;
import static io.reelroute.provider.ProviderTestJobs.blob;
import static io.reelroute.provider.ProviderTestJobs.content;
import static io.reelroute.provider.ProviderTestJobs.local;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.kie.KieSimulation.bodyCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.error.ErrorCode;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.provider.UploadCache;
import io.reelroute.simulator.SimulatorServer.Fault;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Recorded;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Local stills onto KIE's upload host: base64 or streamed by size, once per content, retried when free. */
class KieUploadTest {
    @RegisterExtension
    final KieSimulation sim = new KieSimulation();
    @TempDir
    Path blobs;

    private static SubmitRequest jobWith(Path image, String prompt) {
        return request("""
                model: sora-2
                prompt: %s
                image: still.png
                """.formatted(prompt), InputFacts.image(1280, 720), local("image", image));
    }

    private String submittedImage() {
        return sim.lastSubmit().json().get("input").get("image_urls").get(0).asText();
    }

    @Test
    void theSameContentIsUploadedOnceForTwoJobs() {
        Path image = blob(blobs, "png", content("market", 5000));

        sim.client.submit(jobWith(image, "The market stalls open at dawn"));
        String first = submittedImage();
        sim.client.submit(jobWith(image, "Rain empties the market"));

        assertThat(sim.count(Op.UPLOAD)).isEqualTo(1);
        assertThat(submittedImage()).isEqualTo(first);
    }

    @Test
    void aFileOfTenMegabytesOrMoreIsStreamedAsMultipart() {
        byte[] large = content("large panorama", (int) KieUploads.BASE64_LIMIT_BYTES + 1024);
        Path image = blob(blobs, "jpg", large);

        sim.client.submit(jobWith(image, "The camera pans across the panorama"));

        Recorded upload = sim.requests(Op.UPLOAD).get(0);
        assertThat(upload.path()).isEqualTo("/kie-upload/api/file-stream-upload");
        assertThat(upload.header("Authorization")).isEqualTo("Bearer " + KieSimulation.KEY);
        assertThat(upload.header("Content-Type")).startsWith("multipart/form-data; boundary=");
        String head = new String(upload.body(), 0, 400, StandardCharsets.ISO_8859_1);
        assertThat(head).contains("name=\"file\"; filename=\"" + image.getFileName() + "\"")
                .contains("Content-Type: image/jpeg");
        assertThat(new String(upload.body(), StandardCharsets.ISO_8859_1))
                .contains("name=\"uploadPath\"\r\n\r\nreelroute\r\n");
        assertThat(sim.uploaded(submittedImage())).isEqualTo(large);
    }

    @Test
    void anUploadHostOutageIsRetriedBecauseUploadsCostNothing() {
        Path image = blob(blobs, "png", content("retry", 3000));
        sim.server.fault("kie", Op.UPLOAD, Fault.status(502, "<html>Bad Gateway</html>"), 1);
        sim.server.fault("kie", Op.UPLOAD, Fault.status(200, bodyCode(500, "server error, try later")), 1);

        sim.client.submit(jobWith(image, "Leaves fall"));

        assertThat(sim.count(Op.UPLOAD)).isEqualTo(3);
        assertThat(sim.count(Op.SUBMIT)).isEqualTo(1);
        assertThat(sim.uploaded(submittedImage())).isEqualTo(content("retry", 3000));
    }

    @Test
    void aRefusedKeyOnTheUploadHostStopsBeforeAnySubmit() {
        Path image = blob(blobs, "png", content("nokey", 3000));

        ProviderException e = submitFails(sim.client("not-the-key", sim.uploads), jobWith(image, "Anything"));

        assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).contains("code 401").doesNotContain("not-the-key");
        assertThat(sim.count(Op.UPLOAD)).isEqualTo(1);
        assertThat(sim.count(Op.SUBMIT)).isZero();
    }

    @Test
    void anUploadIsReusedForTwentyHoursWithinKiesShortestRetention() {
        AtomicReference<Duration> lifetime = new AtomicReference<>();
        UploadCache recording = new UploadCache() {
            @Override
            public Optional<String> find(String provider, String sha256) {
                return Optional.empty();
            }

            @Override
            public void put(String provider, String sha256, String url, Duration kept) {
                lifetime.set(kept);
            }

            @Override
            public void forget(String provider, String sha256) {
            }
        };

        sim.client(KieSimulation.KEY, recording).submit(jobWith(blob(blobs, "png", content("ttl", 100)), "Clouds"));

        assertThat(lifetime.get()).isEqualTo(Duration.ofHours(20)).isLessThan(Duration.ofHours(24));
    }
}
