package io.reelroute.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.simulator.MemoryUploadCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UploadsTest {

    @Test
    void jobsSubmittingTheSameContentAtOnceShareOneUpload() throws Exception {
        MemoryUploadCache cache = new MemoryUploadCache();
        AtomicInteger uploads = new AtomicInteger();
        CountDownLatch secondUploadStarted = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> urls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            urls.add(pool.submit(() -> {
                start.await();
                return Uploads.urlFor(cache, "fal", "abc123", Duration.ofHours(1), () -> {
                    uploads.incrementAndGet();
                    secondUploadStarted.countDown();
                    try {
                        // an upload in flight: without single-flight, another thread's upload would start now
                        secondUploadStarted.await(300, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "https://cdn.example/abc123.png";
                });
            }));
        }
        start.countDown();
        for (Future<String> url : urls) {
            assertThat(url.get()).isEqualTo("https://cdn.example/abc123.png");
        }
        pool.shutdown();
        assertThat(uploads).hasValue(1);
        assertThat(cache.find("fal", "abc123")).contains("https://cdn.example/abc123.png");
    }

    @Test
    void aFailedUploadSaysNothingWasSubmitted() {
        MemoryUploadCache cache = new MemoryUploadCache();
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> Uploads.urlFor(cache, "fal", "x",
                Duration.ofHours(1), () -> {
                    throw new ProviderException(io.reelroute.error.ErrorCode.PROVIDER_FAILED, "storage answered 503",
                            503, true, null);
                }));
        assertThat(failure).isInstanceOf(InputUploadFailed.class).hasMessageContaining("503");
        assertThat(cache.find("fal", "x")).isEmpty();
    }

    @Test
    void differentContentDoesNotWaitForEachOther() {
        MemoryUploadCache cache = new MemoryUploadCache();
        assertThat(Uploads.urlFor(cache, "kie", "one", Duration.ofHours(1), () -> "u1")).isEqualTo("u1");
        assertThat(Uploads.urlFor(cache, "kie", "two", Duration.ofHours(1), () -> "u2")).isEqualTo("u2");
        assertThat(Uploads.urlFor(cache, "kie", "one", Duration.ofHours(1), () -> "again")).isEqualTo("u1");
    }
}
