package io.reelroute.provider.kie;

import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderSimulation;
import io.reelroute.provider.UploadCache;
import io.reelroute.simulator.KieProtocol;
import io.reelroute.simulator.MemoryUploadCache;

/**
 * A simulated KIE (API host and upload host) on a loopback port and a client pointed at it: the API base URL
 * is {@code server.baseUrl() + KieProtocol.API_PREFIX} (KIE_BASE_URL), the upload base URL
 * {@code server.baseUrl() + KieProtocol.UPLOAD_PREFIX} (KIE_UPLOAD_BASE_URL).
 */
final class KieSimulation extends ProviderSimulation<KieProtocol> {
    static final String KEY = "kie-test-key-5c20d8";

    final MemoryUploadCache uploads = new MemoryUploadCache();
    final KieClient client;

    KieSimulation() {
        super(new KieProtocol(KEY));
        server.mount(protocol.uploadHost());
        client = client(KEY, uploads);
    }

    KieClient client(String key, UploadCache cache) {
        return new KieClient(new ProviderEndpoint(server.baseUrl() + KieProtocol.API_PREFIX, key),
                new ProviderEndpoint(server.baseUrl() + KieProtocol.UPLOAD_PREFIX, key), http(), cache);
    }

    /** A KIE answer under HTTP 200 with this business code, to inject as a fault. */
    static String bodyCode(int code, String msg) {
        return "{\"code\":" + code + ",\"msg\":\"" + msg + "\",\"data\":null}";
    }
}
