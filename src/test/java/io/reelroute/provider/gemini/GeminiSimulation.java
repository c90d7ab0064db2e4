package io.reelroute.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.simulator.GeminiProtocol;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Op;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * A simulated Gemini API on a loopback port and a client pointed at it the way the service points it:
 * GEMINI_BASE_URL = {@link GeminiProtocol#baseUrl}, GEMINI_API_KEY.
 */
final class GeminiSimulation implements AutoCloseable {
    static final String KEY = "AIza-gemini-test-key-52b7";
    static final ObjectMapper JSON = new ObjectMapper();

    final SimulatorServer server = SimulatorServer.start()
            .timing(Duration.ofMillis(50), Duration.ofMillis(200))
            .video(ProviderTestJobs.video());
    final GeminiProtocol protocol = new GeminiProtocol(KEY);
    final GeminiClient client;

    GeminiSimulation() {
        server.mount(protocol).serveFiles(GeminiProtocol.PROVIDER);
        client = clientWithKey(KEY);
    }

    /** A client as the service builds it from the environment; a null key is an unset GEMINI_API_KEY. */
    GeminiClient clientWithKey(String key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GEMINI_BASE_URL", GeminiProtocol.baseUrl(server));
        environment.put("GEMINI_API_KEY", key);
        Function<String, Optional<String>> env = name -> Optional.ofNullable(environment.get(name));
        return new GeminiClient(ProviderEndpoint.of(env, "GEMINI_BASE_URL",
                "https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY"),
                new ProviderHttp(JSON, Duration.ofSeconds(10)));
    }

    int count(Op op) {
        return server.count(GeminiProtocol.PROVIDER, op);
    }

    List<SimulatorServer.Recorded> requests(Op op) {
        return server.requests(GeminiProtocol.PROVIDER, op);
    }

    SimulatorServer.Recorded lastSubmit() {
        List<SimulatorServer.Recorded> submits = requests(Op.SUBMIT);
        return submits.get(submits.size() - 1);
    }

    /** A real picture as the intake keeps it ({@code <sha256>.png} or {@code .jpg}); format is png or jpg. */
    static Path photo(Path dir, String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, new Color(x * 255 / width, y * 255 / height, 128).getRGB());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProviderTestJobs.blob(dir, format, bytes.toByteArray());
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
