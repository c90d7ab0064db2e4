package io.reelroute.provider.kie;

import io.reelroute.provider.ProviderEndpoint;
import io.reelroute.provider.ProviderHttp;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** One of KIE's two hosts (the API and the file upload host), called with the Bearer key. */
final class KieHost {
    private final ProviderEndpoint endpoint;
    private final ProviderHttp http;

    KieHost(ProviderEndpoint endpoint, ProviderHttp http) {
        this.endpoint = endpoint;
        this.http = http;
    }

    ProviderHttp http() {
        return http;
    }

    ProviderHttp.Answer postJson(String path, Object body, String what) {
        return post(path, http.jsonBody(body), "application/json", what);
    }

    ProviderHttp.Answer post(String path, HttpRequest.BodyPublisher body, String contentType, String what) {
        Map<String, String> headers = headers();
        headers.put("Content-Type", contentType);
        return http.send(http.request(endpoint.baseUrl() + path, headers).POST(body).build(), what);
    }

    ProviderHttp.Answer get(String pathAndQuery, String what) {
        return http.send(http.request(endpoint.baseUrl() + pathAndQuery, headers()).GET().build(), what);
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        // without a key the call goes out bare and KIE's code 401 says what is wrong
        if (endpoint.hasKey()) {
            headers.put("Authorization", "Bearer " + endpoint.key());
        }
        return headers;
    }
}
