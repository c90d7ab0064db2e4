package io.reelroute.provider;

import io.reelroute.catalog.ModelCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which generation providers can take jobs here, and how many jobs each account may run at once. A provider
 * is available when reelroute speaks its protocol and, for a remote one, its API key is in the environment.
 */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    /**
     * @param built       reelroute speaks this provider's protocol
     * @param keyVariable the environment variable holding its API key (null for the built-in provider)
     */
    public record Provider(String id, String displayName, boolean built, String keyVariable, boolean hasKey,
                           int concurrency) {
        public boolean available() {
            return built && (keyVariable == null || hasKey);
        }

        public String unavailableReason() {
            if (!built) {
                return displayName + " is not supported by this version of reelroute yet";
            }
            return available() ? null : "no API key: set " + keyVariable;
        }
    }

    private final Map<String, Provider> providers;
    private final CircuitBreaker circuit;

    public ProviderRegistry(Map<String, Provider> providers) {
        this(providers, new CircuitBreaker(Integer.MAX_VALUE, java.time.Duration.ZERO, java.time.Clock.systemUTC()));
    }

    public ProviderRegistry(Map<String, Provider> providers, CircuitBreaker circuit) {
        this.providers = Map.copyOf(providers);
        this.circuit = circuit;
    }

    /**
     * The provider accounts of the catalog (models.yaml {@code providers:}). {@code env} reads environment
     * variables, only to see whether a key is there (keys are never kept here); {@code built} names the
     * providers whose protocol this version speaks.
     */
    public static ProviderRegistry fromCatalog(ModelCatalog catalog, Function<String, String> env, Set<String> built,
                                               CircuitBreaker circuit) {
        Map<String, Provider> all = new LinkedHashMap<>();
        catalog.providers().forEach((id, def) -> {
            String key = def.keyEnv() == null ? null : env.apply(def.keyEnv());
            all.put(id, new Provider(id, def.name(), built.contains(id), def.keyEnv(), key != null && !key.isBlank(),
                    def.concurrency()));
        });
        return new ProviderRegistry(all, circuit);
    }

    /** One line per provider that cannot take jobs (CONTRACT 1). */
    public void logAvailability() {
        providers.values().forEach(p -> {
            if (p.available()) {
                LOG.info("provider {} available, at most {} jobs at once", p.id(), p.concurrency());
            } else {
                LOG.info("provider {} unavailable: {}", p.id(), p.unavailableReason());
            }
        });
    }

    /** Built, with a key, and not failing repeatedly (circuit open): what model selection may use. */
    public boolean isAvailable(String id) {
        Provider provider = providers.get(id);
        return provider != null && provider.available() && !circuit.isOpen(id);
    }

    public CircuitBreaker circuit() {
        return circuit;
    }

    public Provider get(String id) {
        Provider provider = providers.get(id);
        if (provider == null) {
            throw new IllegalArgumentException("unknown provider " + id);
        }
        return provider;
    }

    public Map<String, Provider> all() {
        return providers;
    }
}
