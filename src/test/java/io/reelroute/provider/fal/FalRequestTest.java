package io.reelroute.provider.fal;

import static io.reelroute.provider.ProviderCalls.accepted;
import static io.reelroute.provider.ProviderCalls.assertJsonPost;
import static io.reelroute.provider.ProviderSimulation.json;
import static io.reelroute.provider.ProviderTestJobs.blob;
import static io.reelroute.provider.ProviderTestJobs.content;
import static io.reelroute.provider.ProviderTestJobs.local;
import static io.reelroute.provider.ProviderTestJobs.pollUntilDone;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.ProviderTestJobs.url;
import static io.reelroute.provider.fal.FalSimulation.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.files.Hashing;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.provider.Submitted;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Recorded;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact request each fal model of models.yaml gets, for jobs planned as the service plans them, and the
 * following of a request only through the URLs fal answered with.
 */
class FalRequestTest {
    private static final InputFacts LANDSCAPE = InputFacts.image(1280, 720);

    @RegisterExtension
    final FalSimulation sim = new FalSimulation();
    @TempDir
    Path blobs;

    @Test
    void ltx2TakesImageUrlAndANumericDuration() throws Exception {
        Path image = blob(blobs, "png", content("neon street", 4096));
        sim.client.submit(request("""
                model: ltx-2
                prompt: Camera dollies forward through the neon street as rain starts to fall
                image: street.png
                duration: 8
                resolution: 1440p
                """, LANDSCAPE, local("image", image)));

        String imageUrl = sim.uploads.find("fal", Hashing.sha256(image)).orElseThrow();
        Recorded submit = sim.lastSubmit();
        assertJsonPost(submit, "/fal/queue/fal-ai/ltx-2/image-to-video");
        assertThat(submit.header("Authorization")).isEqualTo("Key " + KEY);
        assertThat(submit.json()).isEqualTo(json("""
                {"image_url": "%s",
                 "prompt": "Camera dollies forward through the neon street as rain starts to fall",
                 "duration": 8, "resolution": "1440p", "generate_audio": true}""".formatted(imageUrl)));
        assertThat(submit.json().get("duration").isIntegralNumber()).isTrue();
        assertThat(sim.uploaded(imageUrl)).isEqualTo(Files.readAllBytes(image));
    }

    @Test
    void kling26TakesStartAndEndImageUrlsAndTheDurationAsAString() {
        Path first = blob(blobs, "png", content("sailor first", 3000));
        Path last = blob(blobs, "jpg", content("sailor last", 3000));
        sim.client.submit(request("""
                model: kling-2.6-pro
                prompt: "The old sailor looks up and says: Storm's coming, lad."
                negative_prompt: blur, distort
                image: sailor.png
                duration: 10
                generate_audio: false
                """, LANDSCAPE, local("image", first), local("end_image", last)));

        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/fal/queue/fal-ai/kling-video/v2.6/pro/image-to-video");
        assertThat(submit.header("Authorization")).isEqualTo("Key " + KEY);
        assertThat(submit.json()).isEqualTo(json("""
                {"start_image_url": "%s", "end_image_url": "%s",
                 "prompt": "The old sailor looks up and says: Storm's coming, lad.",
                 "negative_prompt": "blur, distort",
                 "duration": "10", "generate_audio": false}""".formatted(
                sim.uploads.find("fal", Hashing.sha256(first)).orElseThrow(),
                sim.uploads.find("fal", Hashing.sha256(last)).orElseThrow())));
        assertThat(submit.json().get("duration").isTextual()).isTrue();
        List<Recorded> puts = sim.requests(Op.UPLOAD);
        assertThat(puts).extracting(r -> r.header("Content-Type")).containsExactly("image/png", "image/jpeg");
    }

    @Test
    void veo31TakesTheAspectNearestTheImageAndTheDurationWithAnSSuffix() {
        sim.client.submit(request("""
                model: veo-3.1
                prompt: The robot waves at the camera and says hello in a cheerful voice
                image: https://cdn.example.org/robot.png
                duration: 6
                resolution: 1080p
                negative_prompt: cartoon
                seed: 7
                """, InputFacts.image(720, 1280), url("image", "https://cdn.example.org/robot.png")));

        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/fal/queue/fal-ai/veo3.1/image-to-video");
        assertThat(submit.json()).isEqualTo(json("""
                {"image_url": "https://cdn.example.org/robot.png",
                 "prompt": "The robot waves at the camera and says hello in a cheerful voice",
                 "aspect_ratio": "9:16", "duration": "6s", "resolution": "1080p", "generate_audio": true,
                 "negative_prompt": "cartoon", "seed": 7}"""));
        // an https input is passed through: nothing uploaded
        assertThat(sim.protocol.initiations()).isZero();
        assertThat(sim.count(Op.UPLOAD)).isZero();
    }

    @Test
    void wan26TakesTheDurationAsAStringAndUploadsTheDrivingAudio() throws Exception {
        Path image = blob(blobs, "jpg", content("lanterns", 5000));
        Path audio = blob(blobs, "wav", content("river sounds", 8000));
        sim.client.submit(request("""
                model: wan-2.6
                prompt: Paper lanterns drift upward over the river at dusk, camera tilts up
                image: river.jpg
                audio: river.wav
                duration: 15
                resolution: 1080p
                seed: 1234
                """, new InputFacts(true, true, false, 14.0, 1920, 1080),
                local("image", image), local("audio", audio)));

        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/fal/queue/wan/v2.6/image-to-video");
        String imageUrl = sim.uploads.find("fal", Hashing.sha256(image)).orElseThrow();
        String audioUrl = sim.uploads.find("fal", Hashing.sha256(audio)).orElseThrow();
        assertThat(submit.json()).isEqualTo(json("""
                {"image_url": "%s", "audio_url": "%s",
                 "prompt": "Paper lanterns drift upward over the river at dusk, camera tilts up",
                 "duration": "15", "resolution": "1080p", "enable_prompt_expansion": false,
                 "seed": 1234}""".formatted(imageUrl, audioUrl)));
        assertThat(sim.uploaded(audioUrl)).isEqualTo(Files.readAllBytes(audio));
        assertThat(sim.requests(Op.UPLOAD)).extracting(r -> r.header("Content-Type"))
                .containsExactlyInAnyOrder("image/jpeg", "audio/wav");
    }

    @Test
    void uploadsCarryTheKeyOnlyToFalAndTheSignedPutGoesWithoutIt() {
        Path image = blob(blobs, "png", content("portrait", 2048));
        sim.client.submit(request("model: ltx-2\nprompt: A slow smile\nimage: p.png\n", LANDSCAPE,
                local("image", image)));

        assertThat(sim.protocol.initiations()).isEqualTo(1);
        Recorded put = sim.requests(Op.UPLOAD).get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.header("Authorization")).isNull();
        assertThat(put.header("Content-Type")).isEqualTo("image/png");
    }

    @Test
    void theSameContentIsUploadedOnceAcrossSubmits() {
        Path image = blob(blobs, "png", content("harbour", 4096));
        String spec = "model: kling-2.6-pro\nprompt: Boats rock gently\nimage: harbour.png\n";
        sim.client.submit(request(spec, LANDSCAPE, local("image", image)));
        sim.client.submit(request(spec, LANDSCAPE, local("image", image)));

        assertThat(sim.count(Op.SUBMIT)).isEqualTo(2);
        assertThat(sim.count(Op.UPLOAD)).isEqualTo(1);
        assertThat(sim.protocol.initiations()).isEqualTo(1);
        assertThat(sim.requests(Op.SUBMIT)).extracting(r -> r.json().get("start_image_url").asText())
                .containsOnly(sim.uploads.find("fal", Hashing.sha256(image)).orElseThrow());
    }

    @Test
    void aSubPathEndpointIsFollowedOnlyThroughTheUrlsFalReturned() throws Exception {
        Submitted submitted = sim.client.submit(request("""
                model: kling-2.6-pro
                prompt: Boats rock gently
                image: https://cdn.example.org/harbour.png
                """, LANDSCAPE, url("image", "https://cdn.example.org/harbour.png")));

        Prediction prediction = accepted(submitted);
        // the app root, not the endpoint's sub-path v2.6/pro/image-to-video
        String requestRoot = "/fal/queue/fal-ai/kling-video/requests/" + prediction.id();
        assertThat(URI.create(prediction.handle(FalClient.STATUS_URL)).getPath()).isEqualTo(requestRoot + "/status");
        assertThat(URI.create(prediction.handle(FalClient.RESPONSE_URL)).getPath()).isEqualTo(requestRoot);
        assertThat(URI.create(prediction.handle(FalClient.CANCEL_URL)).getPath()).isEqualTo(requestRoot + "/cancel");

        List<String> statuses = new ArrayList<>();
        PollResult result = pollUntilDone(sim.client, prediction, statuses);

        assertThat(result).isInstanceOf(PollResult.Succeeded.class);
        assertThat(statuses).last().isEqualTo("COMPLETED");
        assertThat(sim.requests(Op.POLL)).extracting(Recorded::path)
                .allMatch(path -> path.equals(requestRoot + "/status") || path.equals(requestRoot))
                .contains(requestRoot);
        assertThat(sim.requests(Op.POLL)).extracting(r -> r.header("Authorization")).containsOnly("Key " + KEY);
        // the output is a plain public URL: downloadable without headers
        assertThat(sim.client.downloadHeaders()).isEmpty();
        HttpResponse<byte[]> video = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                ((PollResult.Succeeded) result).output()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(video.statusCode()).isEqualTo(200);
        assertThat(video.body()).isEqualTo(Files.readAllBytes(ProviderTestJobs.video()));
    }

    @Test
    void aQueuedRequestReportsItsQueuePositionThenRunsThenCompletes() {
        sim.server.timing(Duration.ofMillis(400), Duration.ofMillis(300));
        Submitted submitted = sim.client.submit(request("""
                model: wan-2.6
                prompt: Lanterns rise
                image: https://cdn.example.org/river.jpg
                """, LANDSCAPE, url("image", "https://cdn.example.org/river.jpg")));
        Prediction prediction = accepted(submitted);

        PollResult first = sim.client.poll(prediction);
        assertThat(first).isInstanceOfSatisfying(PollResult.Pending.class, pending -> {
            assertThat(pending.providerStatus()).isEqualTo("IN_QUEUE");
            assertThat(pending.queuePosition()).isPositive();
        });
        List<String> statuses = new ArrayList<>();
        PollResult last = pollUntilDone(sim.client, prediction, statuses);

        assertThat(statuses).contains("IN_PROGRESS").last().isEqualTo("COMPLETED");
        assertThat(last).isInstanceOf(PollResult.Succeeded.class);
        assertThat(sim.requests(Op.POLL)).extracting(Recorded::path)
                .allMatch(path -> path.startsWith("/fal/queue/wan/v2.6/requests/" + prediction.id()));
    }

    @Test
    void cancelUsesTheReturnedCancelUrlAndStopsAQueuedRequest() {
        sim.server.timing(Duration.ofSeconds(30), Duration.ofSeconds(30));
        Submitted submitted = sim.client.submit(request("""
                model: kling-2.6-pro
                prompt: Boats rock gently
                image: https://cdn.example.org/harbour.png
                """, LANDSCAPE, url("image", "https://cdn.example.org/harbour.png")));
        Prediction prediction = accepted(submitted);

        assertThat(sim.client.cancel(prediction)).isTrue();

        Recorded cancel = sim.requests(Op.CANCEL).get(0);
        assertThat(cancel.method()).isEqualTo("PUT");
        assertThat(cancel.path()).isEqualTo("/fal/queue/fal-ai/kling-video/requests/" + prediction.id() + "/cancel");
        assertThat(cancel.header("Authorization")).isEqualTo("Key " + KEY);
        assertThat(sim.server.generation(prediction.id()).phase()).hasToString("CANCELLED");
        // asking again once it is over is still "done as far as we can"
        assertThat(sim.client.cancel(prediction)).isTrue();
        assertThat(sim.count(Op.CANCEL)).isEqualTo(2);
    }
}
