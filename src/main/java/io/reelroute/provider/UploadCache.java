package io.reelroute.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * Provider URLs of uploaded inputs, by provider and content hash, so that one image is uploaded once across
 * jobs and restarts. Entries carry an expiry (KIE keeps uploads about a day): an expired one is uploaded anew.
 */
public interface UploadCache {

    Optional<String> find(String provider, String sha256);

    void put(String provider, String sha256, String url, Duration lifetime);

    /** Forgets an entry the provider no longer serves (it answered that the URL expired). */
    void forget(String provider, String sha256);
}
