package io.reelroute.provider.wavespeed;

import static io.reelroute.provider.ProviderCalls.accepted;
import static io.reelroute.provider.ProviderCalls.assertJsonPost;
import static io.reelroute.provider.ProviderSimulation.json;
import static io.reelroute.provider.ProviderTestJobs.blob;
import static io.reelroute.provider.ProviderTestJobs.content;
import static io.reelroute.provider.ProviderTestJobs.local;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.ProviderTestJobs.url;
import static io.reelroute.provider.wavespeed.WaveSpeedSimulation.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.files.Hashing;
import io.reelroute.provider.Submitted;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Recorded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The exact request each WaveSpeed model of models.yaml gets, for jobs planned as the service plans them. */
class WaveSpeedRequestTest {
    @RegisterExtension
    final WaveSpeedSimulation sim = new WaveSpeedSimulation();
    @TempDir
    Path blobs;

    @Test
    void wan25TakesEveryFieldFlatWithIntegersAndTheUploadedImage() {
        Path image = blob(blobs, "png", content("lighthouse", 4096));
        Submitted submitted = sim.client.submit(request("""
                model: wan-2.5
                prompt: Slow push-in on the lighthouse while waves crash
                negative_prompt: text, watermark, flicker
                image: lighthouse.png
                audio: https://cdn.example.org/tts/line-4.mp3
                duration: 10
                resolution: 1080p
                seed: 42
                """, new InputFacts(true, true, false, 12.0, 1280, 720),
                local("image", image), url("audio", "https://cdn.example.org/tts/line-4.mp3")));

        String imageUrl = sim.uploads.find("wavespeed", Hashing.sha256(image)).orElseThrow();
        Recorded submit = sim.lastSubmit();
        assertJsonPost(submit, "/wavespeed/alibaba/wan-2.5/image-to-video");
        assertThat(submit.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(submit.json()).isEqualTo(json("""
                {"image": "%s",
                 "prompt": "Slow push-in on the lighthouse while waves crash",
                 "negative_prompt": "text, watermark, flicker",
                 "duration": 10, "resolution": "1080p", "seed": 42, "enable_prompt_expansion": false,
                 "audio": "https://cdn.example.org/tts/line-4.mp3"}""".formatted(imageUrl)));
        assertThat(submit.json().get("duration").isIntegralNumber()).isTrue();
        assertThat(sim.uploaded(imageUrl)).isEqualTo(content("lighthouse", 4096));
        assertThat(submitted).isInstanceOf(Submitted.Accepted.class);
        String id = accepted(submitted).id();
        assertThat(sim.server.generation(id).model).isEqualTo("alibaba/wan-2.5/image-to-video");
    }

    @Test
    void kandinskyGetsItsDefaultsFiveSecondsAt512p() {
        Path image = blob(blobs, "jpg", content("mug", 2048));
        sim.client.submit(request("""
                model: kandinsky-5-pro
                prompt: The mug rotates slowly on a marble table
                image: mug.jpg
                """, InputFacts.image(1024, 1024), local("image", image)));

        String imageUrl = sim.uploads.find("wavespeed", Hashing.sha256(image)).orElseThrow();
        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/wavespeed/wavespeed-ai/kandinsky5-pro/image-to-video");
        assertThat(submit.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(submit.json()).isEqualTo(json("""
                {"image": "%s", "prompt": "The mug rotates slowly on a marble table",
                 "duration": 5, "resolution": "512p"}""".formatted(imageUrl)));
        assertThat(sim.requests(Op.UPLOAD).get(0).header("Content-Type")).isEqualTo("image/jpeg");
    }

    @Test
    void klingTakesGuidanceAsANumberAndAnHttpsImageUnchanged() {
        sim.client.submit(request("""
                model: kling-2.5-turbo-std
                prompt: She turns toward the camera and smiles
                negative_prompt: blur, distortion
                image: https://cdn.example.org/stills/hero.png
                duration: 10
                """, InputFacts.image(1280, 720), url("image", "https://cdn.example.org/stills/hero.png")));

        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/wavespeed/kwaivgi/kling-v2.5-turbo-std/image-to-video");
        assertThat(submit.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(submit.json()).isEqualTo(json("""
                {"image": "https://cdn.example.org/stills/hero.png",
                 "prompt": "She turns toward the camera and smiles", "negative_prompt": "blur, distortion",
                 "guidance_scale": 0.5, "duration": 10}"""));
        assertThat(sim.count(Op.UPLOAD)).isZero();
    }

    @Test
    void klingSceneAnimationGoesToTheSameEndpoint() {
        sim.client.submit(request("""
                operation: scene-animation
                model: kling-2.5-turbo-std
                prompt: Rain starts to fall on the harbour
                image: https://cdn.example.org/stills/harbour.png
                """, InputFacts.image(1280, 720), url("image", "https://cdn.example.org/stills/harbour.png")));

        assertThat(sim.lastSubmit().path()).isEqualTo("/wavespeed/kwaivgi/kling-v2.5-turbo-std/image-to-video");
        assertThat(sim.lastSubmit().json().get("duration").asInt()).isEqualTo(5);
    }

    @Test
    void infiniteTalkUploadsImageAudioAndMaskEachWithItsType() {
        Path image = blob(blobs, "png", content("presenter", 3000));
        Path audio = blob(blobs, "wav", content("episode-12", 5000));
        Path mask = blob(blobs, "png", content("mask", 1000));
        sim.client.submit(request("""
                operation: talking-avatar
                model: infinitetalk
                prompt: A calm presenter speaking to camera
                image: host.png
                audio: line.wav
                mask_image: mask.png
                """, InputFacts.imageAndAudio(720, 1280, 7.5).withMaskImage(),
                local("image", image), local("audio", audio), local("mask_image", mask)));

        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/wavespeed/wavespeed-ai/infinitetalk");
        assertThat(submit.json()).isEqualTo(json("""
                {"image": "%s", "audio": "%s", "mask_image": "%s",
                 "prompt": "A calm presenter speaking to camera", "resolution": "480p", "seed": -1}"""
                .formatted(uploadOf(image), uploadOf(audio), uploadOf(mask))));
        assertThat(sim.requests(Op.UPLOAD)).extracting(r -> r.header("Content-Type"))
                .containsExactlyInAnyOrder("image/png", "audio/wav", "image/png");
        assertThat(sim.uploaded(uploadOf(audio))).isEqualTo(content("episode-12", 5000));
    }

    private String uploadOf(Path file) {
        return sim.uploads.find("wavespeed", Hashing.sha256(file)).orElseThrow();
    }
}
