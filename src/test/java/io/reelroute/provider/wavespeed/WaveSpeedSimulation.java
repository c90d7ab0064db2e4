package io.reelroute.provider.wavespeed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.simulator.MemoryUploadCache;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Op;
import io.reelroute.simulator.WaveSpeedProtocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * A simulated WaveSpeed on a loopback port and a client pointed at it: the client's base URL is
 * {@code server.baseUrl() + WaveSpeedProtocol.PREFIX}, exactly as WAVESPEED_BASE_URL would be set.
 */
final class WaveSpeedSimulation implements AutoCloseable {
    static final String KEY = "ws-test-key-7f3a91";
    static final ObjectMapper JSON = new ObjectMapper();

    final SimulatorServer server = SimulatorServer.start()
            .timing(Duration.ofMillis(50), Duration.ofMillis(200))
            .video(ProviderTestJobs.video());
    final WaveSpeedProtocol protocol = new WaveSpeedProtocol(KEY);
    final MemoryUploadCache uploads = new MemoryUploadCache();
    final WaveSpeedClient client;

    WaveSpeedSimulation() {
        server.mount(protocol).serveFiles(WaveSpeedProtocol.PROVIDER);
        client = clientWithKey(KEY);
    }

    String baseUrl() {
        return server.baseUrl() + WaveSpeedProtocol.PREFIX;
    }

    WaveSpeedClient clientWithKey(String key) {
        return new WaveSpeedClient(new ProviderEndpoint(baseUrl(), key),
                new ProviderHttp(JSON, Duration.ofSeconds(10)), uploads);
    }

    int count(Op op) {
        return server.count(WaveSpeedProtocol.PROVIDER, op);
    }

    List<SimulatorServer.Recorded> requests(Op op) {
        return server.requests(WaveSpeedProtocol.PROVIDER, op);
    }

    SimulatorServer.Recorded lastSubmit() {
        List<SimulatorServer.Recorded> submits = requests(Op.SUBMIT);
        return submits.get(submits.size() - 1);
    }

    /** The content behind a URL the simulator handed out for an upload. */
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
