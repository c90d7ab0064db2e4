package io.reelroute.simulator;

import io.reelroute.provider.UploadCache;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** An UploadCache for client-level tests (the service uses the database-backed one). */
public final class MemoryUploadCache implements UploadCache {
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    @Override
    public Optional<String> find(String provider, String sha256) {
        return Optional.ofNullable(urls.get(provider + "/" + sha256));
    }

    @Override
    public void put(String provider, String sha256, String url, Duration lifetime) {
        urls.put(provider + "/" + sha256, url);
    }

    @Override
    public void forget(String provider, String sha256) {
        urls.remove(provider + "/" + sha256);
    }
}
