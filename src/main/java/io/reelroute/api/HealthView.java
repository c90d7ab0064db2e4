package io.reelroute.api;

import io.reelroute.provider.ProviderRegistry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health}, open to all: the service is up, and which providers can take jobs (a provider without
 * its key, or whose circuit is open, cannot). It names the missing key's variable, never a key.
 */
public final class HealthView {
    private final ProviderRegistry providers;
    private final ApiReplies replies;

    public HealthView(ProviderRegistry providers, ApiReplies replies) {
        this.providers = providers;
        this.replies = replies;
    }

    public ApiReply health() {
        Map<String, Object> each = new LinkedHashMap<>();
        providers.all().forEach((id, provider) -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("available", providers.isAvailable(id));
            view.put("reason", provider.unavailableReason());
            each.put(id, view);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("providers", each);
        return replies.json(200, body);
    }
}
