package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One provider account from {@code providers:} in models.yaml.
 *
 * @param id          {@code local}, {@code wavespeed}, {@code fal}, {@code kie} or {@code gemini}
 * @param name        how messages name it ("WaveSpeed")
 * @param keyEnv      the environment variable whose absence makes it unavailable; null for {@code local}
 * @param concurrency how many of its jobs reelroute keeps in flight at once (the account's cap)
 */
public record ProviderDef(String id, String name, @JsonProperty("key_env") String keyEnv, int concurrency) {
    /** The provider ids reelroute has clients for (CONTRACT sections 1 and 5). */
    public static final List<String> KNOWN_IDS = List.of("local", "wavespeed", "fal", "kie", "gemini");
}
