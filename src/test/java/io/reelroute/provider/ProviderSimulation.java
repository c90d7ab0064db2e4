package io.reelroute.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.simulator.ProviderProtocol;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.SimulatorServer.Op;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every provider-client fixture shares: a {@link SimulatorServer} on a loopback port with quick
 * timing and a real MP4 as output, one provider's {@code protocol} mounted on it with its files served, and
 * the look at what the simulator was asked. Each provider's fixture adds its key and its client, built the way
 * the service builds it. Register it as a field, {@code @RegisterExtension final XSimulation sim = new
 * XSimulation();}: a fresh simulator per test, closed after it.
 */
public abstract class ProviderSimulation<P extends ProviderProtocol> implements AutoCloseable, AfterEachCallback {
    public static final ObjectMapper JSON = new ObjectMapper();

    public final SimulatorServer server = SimulatorServer.start()
            .timing(Duration.ofMillis(50), Duration.ofMillis(200))
            .video(ProviderTestJobs.video());
    public final P protocol;

    protected ProviderSimulation(P protocol) {
        this.protocol = protocol;
        server.mount(protocol).serveFiles(protocol.provider());
    }

    /** HTTP as the service sets it up for a provider client. */
    protected static ProviderHttp http() {
        return new ProviderHttp(JSON, Duration.ofSeconds(10));
    }

    public int count(Op op) {
        return server.count(protocol.provider(), op);
    }

    public List<SimulatorServer.Recorded> requests(Op op) {
        return server.requests(protocol.provider(), op);
    }

    public SimulatorServer.Recorded lastSubmit() {
        List<SimulatorServer.Recorded> submits = requests(Op.SUBMIT);
        return submits.get(submits.size() - 1);
    }

    /** The content behind a URL the simulator handed out for an upload. */
    public byte[] uploaded(String url) {
        try {
            return Files.readAllBytes(server.storedFile(url));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.close();
    }
}
