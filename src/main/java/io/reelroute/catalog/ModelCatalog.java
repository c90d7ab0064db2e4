package io.reelroute.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model catalog of CONTRACT section 5, read from {@code config/models.yaml}: every model reelroute can
 * run, what it takes, what it costs, how it is polled. Immutable once loaded; reload by loading again.
 */
public final class ModelCatalog {
    /** The {@code model} value that asks the planner to choose. */
    public static final String AUTO = "auto";

    private final String source;
    private final CatalogDefaults defaults;
    private final Map<String, ProviderDef> providers;
    private final List<ModelDef> models;
    private final Map<String, ModelDef> byLowerId = new LinkedHashMap<>();

    ModelCatalog(String source, CatalogDefaults defaults, Map<String, ProviderDef> providers, List<ModelDef> models) {
        this.source = source;
        this.defaults = defaults;
        this.providers = Collections.unmodifiableMap(new LinkedHashMap<>(providers));
        this.models = List.copyOf(models);
        models.forEach(m -> byLowerId.put(m.id().toLowerCase(Locale.ROOT), m));
    }

    /**
     * Reads and checks a catalog file.
     *
     * @throws CatalogException when the file cannot be read or is wrong anywhere; the message names the
     *                          file, the model and the key, so start-up can simply fail with it
     */
    public static ModelCatalog load(Path yaml) {
        byte[] content;
        try {
            content = Files.readAllBytes(yaml);
        } catch (IOException e) {
            throw new CatalogException("cannot read the model catalog " + yaml + ": " + e.getMessage(), e);
        }
        return CatalogReader.read(content, yaml.toString());
    }

    /** Like {@link #load} for YAML text in hand (tests, an uploaded catalog); {@code sourceName} names it in errors. */
    public static ModelCatalog parse(String yamlText, String sourceName) {
        return CatalogReader.read(yamlText.getBytes(StandardCharsets.UTF_8), sourceName);
    }

    /** Every model, in catalog order (the order {@code auto} breaks ties with). */
    public List<ModelDef> all() {
        return models;
    }

    /** The model with this id; letter case is forgiven ({@code Kling-2.6-Pro}). */
    public Optional<ModelDef> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(byLowerId.get(id.trim().toLowerCase(Locale.ROOT)));
    }

    public List<String> ids() {
        return models.stream().map(ModelDef::id).toList();
    }

    public CatalogDefaults defaults() {
        return defaults;
    }

    /** Provider accounts by id, in catalog order. */
    public Map<String, ProviderDef> providers() {
        return providers;
    }

    public Optional<ProviderDef> provider(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /** Where the catalog was read from, for log lines. */
    public String source() {
        return source;
    }
}
