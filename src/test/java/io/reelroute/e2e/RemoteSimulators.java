package io.reelroute.e2e;

import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.simulator.FalProtocol;
import io.reelroute.simulator.GeminiProtocol;
import io.reelroute.simulator.KieProtocol;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.WaveSpeedProtocol;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * All four provider simulators on one loopback server, and the variables (CONTRACT 1) that point the
 * service at them. Keys are distinctive so that a test can search every written file for them.
 */
final class RemoteSimulators {
    static final String WAVESPEED_KEY = "ws-secret-7f3a91c2e4";
    static final String FAL_KEY = "fal-secret-0b8d4e6a13";
    static final String KIE_KEY = "kie-secret-5c2f9a7e81";
    static final String GEMINI_KEY = "gem-secret-9e1d3b5f72";

    private RemoteSimulators() {
    }

    static SimulatorServer start() {
        KieProtocol kie = new KieProtocol(KIE_KEY);
        return SimulatorServer.start()
                .timing(Duration.ofMillis(50), Duration.ofMillis(300))
                .video(ProviderTestJobs.video())
                .mount(new WaveSpeedProtocol(WAVESPEED_KEY))
                .mount(new FalProtocol(FAL_KEY))
                .mount(kie).mount(kie.uploadHost())
                .mount(new GeminiProtocol(GEMINI_KEY))
                .serveFiles("files");
    }

    /** The provider variables for the service, by name. */
    static Map<String, String> environment(SimulatorServer server) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WAVESPEED_BASE_URL", server.baseUrl() + WaveSpeedProtocol.PREFIX);
        env.put("WAVESPEED_API_KEY", WAVESPEED_KEY);
        env.put("FAL_QUEUE_BASE_URL", FalProtocol.queueUrl(server));
        env.put("FAL_REST_BASE_URL", FalProtocol.restUrl(server));
        env.put("FAL_KEY", FAL_KEY);
        env.put("KIE_BASE_URL", server.baseUrl() + KieProtocol.API_PREFIX);
        env.put("KIE_UPLOAD_BASE_URL", server.baseUrl() + KieProtocol.UPLOAD_PREFIX);
        env.put("KIE_API_KEY", KIE_KEY);
        env.put("GEMINI_BASE_URL", GeminiProtocol.baseUrl(server));
        env.put("GEMINI_API_KEY", GEMINI_KEY);
        return env;
    }

    static final String[] KEYS = {WAVESPEED_KEY, FAL_KEY, KIE_KEY, GEMINI_KEY};
}
