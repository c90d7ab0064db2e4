package io.reelroute.provider.gemini;

import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderSimulation;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.simulator.GeminiProtocol;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * A simulated Gemini API on a loopback port and a client pointed at it the way the service points it:
 * GEMINI_BASE_URL = {@link GeminiProtocol#baseUrl}, GEMINI_API_KEY.
 */
final class GeminiSimulation extends ProviderSimulation<GeminiProtocol> {
    static final String KEY = "AIza-gemini-test-key-52b7";

    final GeminiClient client;

    GeminiSimulation() {
        super(new GeminiProtocol(KEY));
        client = clientWithKey(KEY);
    }

    /** A client as the service builds it from the environment; a null key is an unset GEMINI_API_KEY. */
    GeminiClient clientWithKey(String key) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GEMINI_BASE_URL", GeminiProtocol.baseUrl(server));
        environment.put("GEMINI_API_KEY", key);
        Function<String, Optional<String>> env = name -> Optional.ofNullable(environment.get(name));
        return new GeminiClient(ProviderEndpoint.of(env, "GEMINI_BASE_URL",
                "https://generativelanguage.googleapis.com/v1beta", "GEMINI_API_KEY"), http());
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
}
