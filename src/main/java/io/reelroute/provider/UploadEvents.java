package io.reelroute.provider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Tells the job timeline which inputs a submit uploaded and which it reused: an {@link UploadCache} wrapper
 * that notes, for the thread doing the submit, each cache hit and each new upload.
 */
public final class UploadEvents implements UploadCache {
    private static final ThreadLocal<List<String>> NOTES = new ThreadLocal<>();

    private final UploadCache cache;

    public UploadEvents(UploadCache cache) {
        this.cache = cache;
    }

    /** Runs {@code work}, collecting the notes of the uploads it makes into {@code notes}. */
    public static <T> T during(List<String> notes, Supplier<T> work) {
        NOTES.set(notes);
        try {
            return work.get();
        } finally {
            NOTES.remove();
        }
    }

    @Override
    public Optional<String> find(String provider, String sha256) {
        Optional<String> url = cache.find(provider, sha256);
        url.ifPresent(u -> note("reused the upload of " + sha256.substring(0, 12)));
        return url;
    }

    @Override
    public void put(String provider, String sha256, String url, Duration lifetime) {
        cache.put(provider, sha256, url, lifetime);
        note("uploaded " + sha256.substring(0, 12) + " to " + provider);
    }

    @Override
    public void forget(String provider, String sha256) {
        cache.forget(provider, sha256);
    }

    private static void note(String text) {
        List<String> notes = NOTES.get();
        if (notes != null) {
            notes.add(text);
        }
    }

    /** The notes of one submit, joined for an event. */
    public static String summary(List<String> notes) {
        return String.join("; ", new ArrayList<>(notes));
    }
}
