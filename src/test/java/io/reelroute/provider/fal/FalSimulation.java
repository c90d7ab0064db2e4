package io.reelroute.provider.fal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.simulator.FalProtocol;
import io.reelroute.simulator.MemoryUploadCache;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A simulated fal on a loopback port and a client pointed at it the way the service points it:
 * FAL_QUEUE_BASE_URL = {@link FalProtocol#queueUrl}, FAL_REST_BASE_URL = {@link FalProtocol#restUrl}, FAL_KEY.
 */
final class FalSimulation implements AutoCloseable {
    static final String KEY = "fal-test-key-4c21e0";
    static final ObjectMapper JSON = new ObjectMapper();

    final SimulatorServer server = SimulatorServer.start()
            .timing(Duration.ofMillis(50), Duration.ofMillis(200))
            .video(ProviderTestJobs.video());
    final FalProtocol protocol = new FalProtocol(KEY);
    final MemoryUploadCache uploads = new MemoryUploadCache();
    final FalClient client;

    FalSimulation() {
        server.mount(protocol).serveFiles(FalProtocol.PROVIDER);
        client = clientWithKey(KEY);
    }

    FalClient clientWithKey(String key) {
        Map<String, String> environment = Map.of("FAL_QUEUE_BASE_URL", FalProtocol.queueUrl(server),
                "FAL_REST_BASE_URL", FalProtocol.restUrl(server), "FAL_KEY", key);
        Function<String, Optional<String>> env = name -> Optional.ofNullable(environment.get(name));
        return new FalClient(ProviderEndpoint.of(env, "FAL_QUEUE_BASE_URL", "https://queue.fal.run", "FAL_KEY"),
                ProviderEndpoint.of(env, "FAL_REST_BASE_URL", "https://rest.fal.ai", "FAL_KEY"),
                new ProviderHttp(JSON, Duration.ofSeconds(10)), uploads);
    }

    int count(Op op) {
        return server.count(FalProtocol.PROVIDER, op);
    }

    List<SimulatorServer.Recorded> requests(Op op) {
        return server.requests(FalProtocol.PROVIDER, op);
    }

    SimulatorServer.Recorded lastSubmit() {
        List<SimulatorServer.Recorded> submits = requests(Op.SUBMIT);
        return submits.get(submits.size() - 1);
    }

    /** The bytes behind a file URL the simulator handed out for an upload. */
    byte[] uploaded(String url) {
        try {
            return Files.readAllBytes(server.storedFile(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
