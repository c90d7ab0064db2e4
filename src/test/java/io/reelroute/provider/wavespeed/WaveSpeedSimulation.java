package io.reelroute.provider.wavespeed;

import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderSimulation;
import io.reelroute.simulator.MemoryUploadCache;
import io.reelroute.simulator.WaveSpeedProtocol;

/**
 * A simulated WaveSpeed on a loopback port and a client pointed at it: the client's base URL is
 * {@code server.baseUrl() + WaveSpeedProtocol.PREFIX}, exactly as WAVESPEED_BASE_URL would be set.
 */
final class WaveSpeedSimulation extends ProviderSimulation<WaveSpeedProtocol> {
    static final String KEY = "ws-test-key-7f3a91";

    final MemoryUploadCache uploads = new MemoryUploadCache();
    final WaveSpeedClient client;

    WaveSpeedSimulation() {
        super(new WaveSpeedProtocol(KEY));
        client = clientWithKey(KEY);
    }

    String baseUrl() {
        return server.baseUrl() + WaveSpeedProtocol.PREFIX;
    }

    WaveSpeedClient clientWithKey(String key) {
        return new WaveSpeedClient(new ProviderEndpoint(baseUrl(), key), http(), uploads);
    }
}
