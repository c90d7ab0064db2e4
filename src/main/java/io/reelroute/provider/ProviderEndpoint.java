package io.reelroute.provider;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where a provider is and the key to use (CONTRACT 1): each from an environment variable, else a JVM system
 * property of the same name (for tests that cannot set the environment), else the default base URL. The key
 * is kept only here and in request headers; {@link #toString} never shows it.
 */
public record ProviderEndpoint(String baseUrl, String key) {

    public static Function<String, Optional<String>> environment() {
        return name -> Optional.ofNullable(System.getenv(name)).or(() -> Optional.ofNullable(System.getProperty(name)))
                .filter(value -> !value.isBlank());
    }

    public static ProviderEndpoint of(Function<String, Optional<String>> env, String urlVariable, String defaultUrl,
                                      String keyVariable) {
        String url = env.apply(urlVariable).orElse(defaultUrl);
        return new ProviderEndpoint(url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
                keyVariable == null ? null : env.apply(keyVariable).orElse(null));
    }

    public boolean hasKey() {
        return key != null;
    }

    @Override
    public String toString() {
        return "ProviderEndpoint[" + baseUrl + (key == null ? ", no key]" : ", key set]");
    }
}
