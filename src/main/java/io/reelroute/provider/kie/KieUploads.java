package io.reelroute.provider.kie;

import io.reelroute.error.ErrorCode;
import io.reelroute.provider.InputFiles;
import io.reelroute.provider.MediaFiles;
import io.reelroute.provider.ProviderException;
import io.reelroute.provider.ProviderHttp;
import io.reelroute.provider.SubmitRequest.InputFile;
import io.reelroute.provider.UploadCache;
import io.reelroute.provider.UploadRetries;
import io.reelroute.provider.Uploads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Local inputs as public URLs on KIE's free file host (PROTOCOLS.md 3.5), which Sora's {@code image_urls}
 * needs: small files as a base64 data URI, larger ones streamed as multipart; the answer's
 * {@code data.downloadUrl} is what the model reads.
 */
final class KieUploads {
    /** The docs give the base64 call for files under 10 MB and the stream call for larger ones. */
    static final long BASE64_LIMIT_BYTES = 10_000_000;

    /**
     * KIE deletes uploads after a while: its docs say both "24 hours" and "3 days" (PROTOCOLS.md 3.5). Reuse
     * a URL for 20 h, so one is never handed to a job when it is about to vanish under the shorter reading.
     */
    static final Duration LIFETIME = Duration.ofHours(20);

    /** The folder on KIE's file host; the file name is the content-addressed copy's, so it only repeats for the same bytes. */
    private static final String UPLOAD_PATH = "reelroute";

    private final KieHost host;
    private final UploadCache cache;

    KieUploads(KieHost host, UploadCache cache) {
        this.host = host;
        this.cache = cache;
    }

    /** A public URL for the input: the job's own https URL, else the uploaded copy. */
    String urlFor(InputFile input) {
        if (input.isUrl()) {
            return input.url();
        }
        return Uploads.urlFor(cache, KieClient.PROVIDER, input.sha256(), LIFETIME, () -> UploadRetries.attempt(() -> upload(input.file())));
    }

    private String upload(Path file) {
        ProviderHttp.Answer answer = InputFiles.size(file) < BASE64_LIMIT_BYTES ? base64(file) : stream(file);
        String url = KieErrors.expectOk("KIE upload", answer, true).path("data").path("downloadUrl").asText("");
        if (url.isBlank()) {
            throw new ProviderException(ErrorCode.PROVIDER_FAILED, "KIE upload: answered without data.downloadUrl",
                    answer.status(), true, null);
        }
        return url;
    }

    private ProviderHttp.Answer base64(Path file) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("base64Data", MediaFiles.dataUri(file));
        body.put("uploadPath", UPLOAD_PATH);
        body.put("fileName", file.getFileName().toString());
        return host.postJson("/api/file-base64-upload", body, "KIE upload");
    }

    private ProviderHttp.Answer stream(Path file) {
        String name = file.getFileName().toString();
        MultipartForm form = new MultipartForm()
                .file("file", name, MediaFiles.contentType(name), file)
                .field("uploadPath", UPLOAD_PATH)
                .field("fileName", name);
        return host.post("/api/file-stream-upload", form.body(), form.contentType(), "KIE upload");
    }
}
