package io.reelroute.provider.fal;

import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderSimulation;
import io.reelroute.simulator.FalProtocol;
import io.reelroute.simulator.MemoryUploadCache;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A simulated fal on a loopback port and a client pointed at it the way the service points it:
 * FAL_QUEUE_BASE_URL = {@link FalProtocol#queueUrl}, FAL_REST_BASE_URL = {@link FalProtocol#restUrl}, FAL_KEY.
 */
final class FalSimulation extends ProviderSimulation<FalProtocol> {
    static final String KEY = "fal-test-key-4c21e0";

    final MemoryUploadCache uploads = new MemoryUploadCache();
    final FalClient client;

    FalSimulation() {
        super(new FalProtocol(KEY));
        client = clientWithKey(KEY);
    }

    FalClient clientWithKey(String key) {
        Map<String, String> environment = Map.of("FAL_QUEUE_BASE_URL", FalProtocol.queueUrl(server),
                "FAL_REST_BASE_URL", FalProtocol.restUrl(server), "FAL_KEY", key);
        Function<String, Optional<String>> env = name -> Optional.ofNullable(environment.get(name));
        return new FalClient(ProviderEndpoint.of(env, "FAL_QUEUE_BASE_URL", "https://queue.fal.run", "FAL_KEY"),
                ProviderEndpoint.of(env, "FAL_REST_BASE_URL", "https://rest.fal.ai", "FAL_KEY"), http(), uploads);
    }
}
