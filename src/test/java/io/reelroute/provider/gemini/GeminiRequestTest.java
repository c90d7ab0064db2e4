package io.reelroute.provider.gemini;

import static io.reelroute.provider.ProviderCalls.accepted;
import static io.reelroute.provider.ProviderCalls.assertJsonPost;
import static io.reelroute.provider.ProviderSimulation.json;
import static io.reelroute.provider.ProviderTestJobs.local;
import static io.reelroute.provider.ProviderTestJobs.pollUntilDone;
import static io.reelroute.provider.ProviderTestJobs.request;
import static io.reelroute.provider.gemini.GeminiSimulation.KEY;
import static io.reelroute.provider.gemini.GeminiSimulation.photo;
import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.catalog.InputFacts;
import io.reelroute.provider.PollResult;
import io.reelroute.provider.Prediction;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.provider.SubmitRequest;
import io.reelroute.provider.Submitted;
import io.reelroute.simulator.GeminiProtocol;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.SimulatorServer.Recorded;
import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact requests of veo-3 (both operations) and gemini-2.5-flash-image, for jobs planned as the service
 * plans them; the keyframe written from the answer; the Veo operation followed to a video that needs the key.
 */
class GeminiRequestTest {
    @RegisterExtension
    final GeminiSimulation sim = new GeminiSimulation();
    @TempDir
    Path dir;

    private static void assertAuthenticatedByHeaderOnly(Recorded request) {
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.query()).isNull(); // never ?key=: URLs get logged
    }

    @Test
    void veo3ImageToVideoSendsTheImageInlineAndOnlyAllowAdult() throws Exception {
        Path image = photo(dir, "png", 64, 36);
        Submitted submitted = sim.client.submit(request("""
                model: veo-3
                prompt: The barista slides the cup across the counter and smiles
                negative_prompt: cartoon, low quality
                image: barista.png
                duration: 6
                resolution: 1080p
                """, InputFacts.image(1920, 1080), local("image", image)));

        Recorded submit = sim.lastSubmit();
        assertJsonPost(submit, "/gemini/v1beta/models/veo-3.0-generate-001:predictLongRunning");
        assertAuthenticatedByHeaderOnly(submit);
        assertThat(submit.json()).isEqualTo(json("""
                {"instances": [{"prompt": "The barista slides the cup across the counter and smiles",
                                "image": {"bytesBase64Encoded": "%s", "mimeType": "image/png"}}],
                 "parameters": {"durationSeconds": 6, "resolution": "1080p", "aspectRatio": "16:9",
                                "negativePrompt": "cartoon, low quality", "personGeneration": "allow_adult"}}"""
                .formatted(Base64.getEncoder().encodeToString(Files.readAllBytes(image)))));
        assertThat(submit.json().at("/parameters/durationSeconds").isIntegralNumber()).isTrue();
        Prediction prediction = accepted(submitted);
        assertThat(prediction.id()).matches("models/veo-3\\.0-generate-001/operations/.+");
        assertThat(prediction.handles()).isEmpty();
    }

    @Test
    void veo3TextToVideoSendsNoImageAndAllowAll() {
        sim.client.submit(request("""
                operation: text-to-video
                model: veo-3
                prompt: A paper boat sails down a rain-soaked street at dusk
                aspect: "9:16"
                """, InputFacts.NONE));

        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/gemini/v1beta/models/veo-3.0-generate-001:predictLongRunning");
        assertAuthenticatedByHeaderOnly(submit);
        assertThat(submit.json()).isEqualTo(json("""
                {"instances": [{"prompt": "A paper boat sails down a rain-soaked street at dusk"}],
                 "parameters": {"durationSeconds": 8, "resolution": "720p", "aspectRatio": "9:16",
                                "personGeneration": "allow_all"}}"""));
    }

    @Test
    void theOperationIsFollowedToAVideoThatOnlyDownloadsWithTheKey() throws Exception {
        Submitted submitted = sim.client.submit(request("""
                operation: text-to-video
                model: veo-3
                prompt: A paper boat sails down a rain-soaked street at dusk
                """, InputFacts.NONE));
        Prediction prediction = accepted(submitted);

        List<String> statuses = new ArrayList<>();
        PollResult result = pollUntilDone(sim.client, prediction, statuses);

        assertThat(statuses).contains("running").last().isEqualTo("done");
        assertThat(sim.requests(Op.POLL)).allSatisfy(poll -> {
            assertThat(poll.method()).isEqualTo("GET");
            assertThat(poll.path()).isEqualTo("/gemini/v1beta/" + prediction.id());
            assertAuthenticatedByHeaderOnly(poll);
        });
        assertThat(result).isInstanceOf(PollResult.Succeeded.class);
        HttpRequest.Builder download = HttpRequest.newBuilder(((PollResult.Succeeded) result).output());
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> withoutKey = http.send(download.copy().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutKey.statusCode()).isEqualTo(403);
        assertThat(withoutKey.body()).contains("PERMISSION_DENIED");

        sim.client.downloadHeaders().forEach(download::header);
        HttpResponse<byte[]> withKey = http.send(download.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(withKey.statusCode()).isEqualTo(200);
        assertThat(withKey.body()).isEqualTo(Files.readAllBytes(ProviderTestJobs.video()));
        assertThat(sim.client.downloadHeaders()).containsExactly(Map.entry("x-goog-api-key", KEY));
    }

    @Test
    void flashImageEditsAnImageSynchronouslyAndWritesTheKeyframe() throws Exception {
        Path image = photo(dir, "jpg", 48, 64);
        Path work = dir.resolve("work");
        Submitted submitted = sim.client.submit(inWorkDir(request("""
                operation: keyframe
                model: gemini-2.5-flash-image
                prompt: Replace the background with a sunny beach; keep the person unchanged
                image: portrait.jpg
                """, InputFacts.image(900, 1600), local("image", image)), work));

        Recorded submit = sim.lastSubmit();
        assertThat(submit.path()).isEqualTo("/gemini/v1beta/models/gemini-2.5-flash-image:generateContent");
        assertAuthenticatedByHeaderOnly(submit);
        assertThat(submit.json()).isEqualTo(json("""
                {"contents": [{"parts": [
                    {"text": "Replace the background with a sunny beach; keep the person unchanged"},
                    {"inline_data": {"mime_type": "image/jpeg", "data": "%s"}}]}],
                 "generationConfig": {"responseModalities": ["IMAGE"], "imageConfig": {"aspectRatio": "9:16"}}}"""
                .formatted(Base64.getEncoder().encodeToString(Files.readAllBytes(image)))));

        assertThat(submitted).isInstanceOfSatisfying(Submitted.Finished.class, finished -> {
            assertThat(finished.output()).isEqualTo(work.resolve("keyframe.png"));
            assertThat(finished.predictionId()).isEqualTo(sim.server.generations().get(0).id); // the responseId
        });
        Path keyframe = work.resolve("keyframe.png");
        assertThat(Files.readAllBytes(keyframe)).isEqualTo(GeminiProtocol.keyframePng());
        BufferedImage decoded = ImageIO.read(keyframe.toFile());
        assertThat(decoded.getWidth()).isEqualTo(16);
        assertThat(decoded.getHeight()).isEqualTo(9);
        assertThat(sim.count(Op.POLL)).isZero();
    }

    @Test
    void flashImageFromTextAloneSendsOneTextPart() {
        Path work = dir.resolve("work");
        sim.client.submit(inWorkDir(request("""
                operation: keyframe
                model: gemini-2.5-flash-image
                prompt: A lighthouse on a cliff at golden hour, wide shot
                """, InputFacts.NONE), work));

        assertThat(sim.lastSubmit().json()).isEqualTo(json("""
                {"contents": [{"parts": [{"text": "A lighthouse on a cliff at golden hour, wide shot"}]}],
                 "generationConfig": {"responseModalities": ["IMAGE"], "imageConfig": {"aspectRatio": "16:9"}}}"""));
        assertThat(work.resolve("keyframe.png")).exists();
    }

    @Test
    void anImageAnsweredInSnakeCaseIsReadToo() throws Exception {
        sim.protocol.answerSnakeCase();
        Path work = dir.resolve("work");

        Submitted submitted = sim.client.submit(inWorkDir(request("""
                operation: keyframe
                model: gemini-2.5-flash-image
                prompt: A lighthouse on a cliff
                """, InputFacts.NONE), work));

        assertThat(((Submitted.Finished) submitted).output()).isEqualTo(work.resolve("keyframe.png"));
        assertThat(Files.readAllBytes(work.resolve("keyframe.png"))).isEqualTo(GeminiProtocol.keyframePng());
    }

    @Test
    void flashImageSendsTheImageThenTheReferenceImagesInRoleOrder() throws Exception {
        Path image = photo(dir, "png", 64, 36);
        Path first = photo(dir, "jpg", 30, 40);
        Path second = photo(dir, "png", 20, 20);
        // given out of order, as stored inputs may be read
        Submitted submitted = sim.client.submit(inWorkDir(request("""
                operation: keyframe
                model: gemini-2.5-flash-image
                prompt: The keeper from the first reference and the dog from the second, in the previous frame
                image: previous.png
                """, InputFacts.image(1280, 720), local("reference_2", second), local("image", image),
                local("reference_1", first)), dir.resolve("work")));

        assertThat(submitted).isInstanceOf(Submitted.Finished.class);
        assertThat(sim.lastSubmit().json().at("/contents/0/parts")).isEqualTo(json("""
                [{"text": "The keeper from the first reference and the dog from the second, in the previous frame"},
                 {"inline_data": {"mime_type": "image/png", "data": "%s"}},
                 {"inline_data": {"mime_type": "image/jpeg", "data": "%s"}},
                 {"inline_data": {"mime_type": "image/png", "data": "%s"}}]""".formatted(base64(image),
                base64(first), base64(second))));
    }

    private static String base64(Path file) throws java.io.IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }

    @Test
    void geminiHasNoCancelCallSoCancelAsksNothing() {
        Submitted submitted = sim.client.submit(request("""
                operation: text-to-video
                model: veo-3
                prompt: Clouds
                """, InputFacts.NONE));

        assertThat(sim.client.cancel(accepted(submitted))).isFalse();
        assertThat(sim.count(Op.CANCEL)).isZero();
    }

    static SubmitRequest inWorkDir(SubmitRequest request, Path workDir) {
        return new SubmitRequest(request.jobId(), request.model(), request.operation(), request.prompt(),
                request.parameters(), request.inputs(), workDir);
    }
}
