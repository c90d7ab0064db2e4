package io.reelroute.provider.kie;

import io.reelroute.provider.InputFiles;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A {@code multipart/form-data} body whose file part is streamed from disk rather than held in memory. */
final class MultipartForm {
    private final String boundary = "reelroute-" + UUID.randomUUID();
    private final List<HttpRequest.BodyPublisher> parts = new ArrayList<>();

    MultipartForm field(String name, String value) {
        parts.add(text(partHead("form-data; name=\"" + name + "\"", null) + value + "\r\n"));
        return this;
    }

    MultipartForm file(String name, String fileName, String contentType, Path file) {
        parts.add(text(partHead("form-data; name=\"" + name + "\"; filename=\"" + quoted(fileName) + "\"",
                contentType)));
        parts.add(InputFiles.body(file));
        parts.add(text("\r\n"));
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    HttpRequest.BodyPublisher body() {
        List<HttpRequest.BodyPublisher> all = new ArrayList<>(parts);
        all.add(text("--" + boundary + "--\r\n"));
        return HttpRequest.BodyPublishers.concat(all.toArray(HttpRequest.BodyPublisher[]::new));
    }

    private String partHead(String disposition, String contentType) {
        return "--" + boundary + "\r\nContent-Disposition: " + disposition + "\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n";
    }

    private static String quoted(String fileName) {
        return fileName.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static HttpRequest.BodyPublisher text(String text) {
        return HttpRequest.BodyPublishers.ofByteArray(text.getBytes(StandardCharsets.UTF_8));
    }
}
