package io.reelroute.provider.wavespeed;

import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls to WaveSpeed's API v3 with its Bearer key: JSON in, the {code, message, data} envelope out. */
final class WaveSpeedApi {
    private final ProviderEndpoint endpoint;
    private final ProviderHttp http;

    WaveSpeedApi(ProviderEndpoint endpoint, ProviderHttp http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    ProviderHttp http() {
        return http;
    }

    /** POST {base}{path} with a JSON body; {@code what} names the call in errors. */
    ProviderHttp.Answer post(String path, Object body, String what) {
        return http.send(http.request(endpoint.baseUrl() + path, headers(true)).POST(http.jsonBody(body)).build(),
                what);
    }

    ProviderHttp.Answer get(String path, String what) {
        return http.send(http.request(endpoint.baseUrl() + path, headers(false)).GET().build(), what);
    }

    private Map<String, String> headers(boolean jsonBody) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (jsonBody) {
            headers.put("Content-Type", "application/json");
        }
        // without a key the call goes out bare and WaveSpeed's 401 says what is wrong
        if (endpoint.hasKey()) {
            headers.put("Authorization", "Bearer " + endpoint.key());
        }
        return headers;
    }
}
