package io.reelroute.provider.kie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.provider.UploadCache;
import io.reelroute.simulator.KieProtocol;
import io.reelroute.simulator.MemoryUploadCache;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * A simulated KIE (API host and upload host) on a loopback port and a client pointed at it: the API base URL
 * is {@code server.baseUrl() + KieProtocol.API_PREFIX} (KIE_BASE_URL), the upload base URL
 * {@code server.baseUrl() + KieProtocol.UPLOAD_PREFIX} (KIE_UPLOAD_BASE_URL).
 */
final class KieSimulation implements AutoCloseable {
    static final String KEY = "kie-test-key-5c20d8";
    static final ObjectMapper JSON = new ObjectMapper();

    final SimulatorServer server = SimulatorServer.start()
            .timing(Duration.ofMillis(50), Duration.ofMillis(200))
            .video(ProviderTestJobs.video());
    final KieProtocol protocol = new KieProtocol(KEY);
    final MemoryUploadCache uploads = new MemoryUploadCache();
    final KieClient client;

    KieSimulation() {
        server.mount(protocol).mount(protocol.uploadHost()).serveFiles(KieProtocol.PROVIDER);
        client = client(KEY, uploads);
    }

    KieClient client(String key, UploadCache cache) {
        return new KieClient(new ProviderEndpoint(server.baseUrl() + KieProtocol.API_PREFIX, key),
                new ProviderEndpoint(server.baseUrl() + KieProtocol.UPLOAD_PREFIX, key),
                new ProviderHttp(JSON, Duration.ofSeconds(10)), cache);
    }

    int count(Op op) {
        return server.count(KieProtocol.PROVIDER, op);
    }

    List<SimulatorServer.Recorded> requests(Op op) {
        return server.requests(KieProtocol.PROVIDER, op);
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

    /** A KIE answer under HTTP 200 with this business code, to inject as a fault. */
    static String bodyCode(int code, String msg) {
        return "{\"code\":" + code + ",\"msg\":\"" + msg + "\",\"data\":null}";
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
