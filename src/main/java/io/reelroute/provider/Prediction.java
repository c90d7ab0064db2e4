package io.reelroute.provider;

import java.util.Map;

/**
 * A generation started at a provider: its id, and the handles needed to follow it (fal's status_url,
 * response_url and cancel_url, used verbatim). Recorded durably before anything waits on it; never holds a key.
 */
public record Prediction(String id, Map<String, String> handles) {
    public Prediction {
        handles = Map.copyOf(handles);
    }

    public static Prediction of(String id) {
        return new Prediction(id, Map.of());
    }

    public String handle(String name) {
        return handles.get(name);
    }
}
