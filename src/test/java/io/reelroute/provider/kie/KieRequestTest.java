package io.reelroute.provider.kie;

import static io.reelroute.provider.ProviderCalls.accepted;
import static io.reelroute.provider.ProviderCalls.assertJsonPost;
import static io.reelroute.provider.ProviderSimulation.json;
import static io.reelroute.provider.ProviderTestJobs.blob;
import static io.reelroute.provider.ProviderTestJobs.content;
import static io.reelroute.provider.ProviderTestJobs.local;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.ProviderTestJobs.url;
import static io.reelroute.provider.kie.KieSimulation.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.files.Hashing;
import io.reelroute.provider.Submitted;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Recorded;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The exact requests Sora 2 on KIE gets, for jobs planned as the service plans them. */
class KieRequestTest {
    @RegisterExtension
    final KieSimulation sim = new KieSimulation();
    @TempDir
    Path blobs;

    @Test
    void imageToVideoUploadsTheStillAndSendsSoraInputInKiesForms() {
        Path image = blob(blobs, "png", content("cat on the windowsill", 6000));
        Submitted submitted = sim.client.submit(request("""
                model: sora-2
                prompt: The cat on the windowsill stretches and looks out at the snow
                image: cat.png
                duration: 15
                """, InputFacts.image(720, 1280), local("image", image)));

        Recorded upload = sim.requests(Op.UPLOAD).get(0);
        assertThat(upload.path()).isEqualTo("/kie-upload/api/file-base64-upload");
        assertThat(upload.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(upload.json()).isEqualTo(json("""
                {"base64Data": "data:image/png;base64,%s", "uploadPath": "reelroute", "fileName": "%s"}"""
                .formatted(Base64.getEncoder().encodeToString(content("cat on the windowsill", 6000)),
                        image.getFileName())));

        String imageUrl = sim.uploads.find("kie", Hashing.sha256(image)).orElseThrow();
        Recorded submit = sim.lastSubmit();
        assertJsonPost(submit, "/kie/api/v1/jobs/createTask");
        assertThat(submit.header("Authorization")).isEqualTo("Bearer " + KEY);
        // the aspect follows the portrait still; n_frames is a string; image_urls an array of one
        assertThat(submit.json()).isEqualTo(json("""
                {"model": "sora-2-image-to-video",
                 "input": {"prompt": "The cat on the windowsill stretches and looks out at the snow",
                           "image_urls": ["%s"], "n_frames": "15", "aspect_ratio": "portrait",
                           "remove_watermark": true}}""".formatted(imageUrl)));
        assertThat(sim.uploaded(imageUrl)).isEqualTo(content("cat on the windowsill", 6000));
        String taskId = accepted(submitted).id();
        assertThat(sim.server.generation(taskId).model).isEqualTo("sora-2-image-to-video");
    }

    @Test
    void textToVideoSendsNoImageAndTheDefaults() {
        sim.client.submit(request("""
                operation: text-to-video
                model: sora-2
                prompt: A paper boat drifts down a rainy street
                """, InputFacts.NONE));

        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/kie/api/v1/jobs/createTask");
        assertThat(submit.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(submit.json()).isEqualTo(json("""
                {"model": "sora-2-text-to-video",
                 "input": {"prompt": "A paper boat drifts down a rainy street", "n_frames": "10",
                           "aspect_ratio": "landscape", "remove_watermark": true}}"""));
        assertThat(sim.count(Op.UPLOAD)).isZero();
    }

    @Test
    void aPublicImageUrlIsSentAsItIs() {
        sim.client.submit(request("""
                model: sora-2
                prompt: Snow falls on the lighthouse
                image: https://cdn.example.org/stills/lighthouse.jpg
                aspect: "16:9"
                """, InputFacts.image(1920, 1080), url("image", "https://cdn.example.org/stills/lighthouse.jpg")));

        assertThat(sim.lastSubmit().json().get("input").get("image_urls"))
                .isEqualTo(json("[\"https://cdn.example.org/stills/lighthouse.jpg\"]"));
        assertThat(sim.lastSubmit().json().get("input").get("aspect_ratio").asText()).isEqualTo("landscape");
        assertThat(sim.count(Op.UPLOAD)).isZero();
    }
}
