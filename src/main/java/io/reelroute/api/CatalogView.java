package io.reelroute.api;

import io.reelroute.catalog.ModelCatalog;
import io.reelroute.catalog.ModelDef;
import io.reelroute.provider.ProviderRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/models}: the catalog, each model with its operations, parameters, prices and availability. */
public final class CatalogView {
    private final ModelCatalog catalog;
    private final ProviderRegistry providers;
    private final ApiReplies replies;

    public CatalogView(ModelCatalog catalog, ProviderRegistry providers, ApiReplies replies) {
        this.catalog = catalog;
        this.providers = providers;
        this.replies = replies;
    }

    public ApiReply models() {
        return replies.json(200, Map.of("models", catalog.all().stream().map(this::model).toList()));
    }

    private Map<String, Object> model(ModelDef model) {
        ProviderRegistry.Provider provider = providers.get(model.provider());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", model.id());
        view.put("description", model.description());
        view.put("provider", model.provider());
        view.put("available", providers.isAvailable(model.provider()));
        view.put("unavailable_reason", provider.unavailableReason());
        view.put("operations", model.operations());
        view.put("parameters", model.parameters());
        view.put("pricing", model.pricing());
        return view;
    }
}
