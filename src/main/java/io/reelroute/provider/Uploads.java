package io.reelroute.provider;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The provider URL of a local input: the cached one, else one upload. Single-flight per content: jobs that
 * submit the same image at the same moment wait for one upload instead of each making their own. A failed
 * upload is an {@link InputUploadFailed}: the submit was never sent.
 */
public final class Uploads {
    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    private Uploads() {
    }

    public static String urlFor(UploadCache cache, String provider, String sha256, Duration lifetime,
                                Supplier<String> upload) {
        synchronized (STRIPES[Math.floorMod((provider + sha256).hashCode(), STRIPES.length)]) {
            return cache.find(provider, sha256).orElseGet(() -> {
                String url;
                try {
                    url = upload.get();
                } catch (InputUploadFailed e) {
                    throw e;
                } catch (ProviderException e) {
                    throw new InputUploadFailed(e);
                }
                cache.put(provider, sha256, url, lifetime);
                return url;
            });
        }
    }
}
