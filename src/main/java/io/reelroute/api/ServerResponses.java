package io.reelroute.api;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The server's own response of an API call, for the two answers that write it themselves (event streams and
 * video files) instead of leaving a body for platform-http to copy. Once such a response has ended, the
 * server leaves it alone.
 */
final class ServerResponses {
    private ServerResponses() {
    }

    static HttpServerResponse of(Exchange exchange) {
        if (exchange.getMessage() instanceof HttpMessage http) {
            return http.getResponse();
        }
        throw new IllegalStateException("this answer needs the platform-http server's response, not "
                + exchange.getMessage().getClass().getName());
    }

    /** Lets go of a response that could not be finished (its client gone or stalled): the connection is closed. */
    static void abandon(HttpServerResponse response) {
        if (!response.ended()) {
            response.reset();
        }
    }

    /**
     * Waits (on the worker thread the call runs on) until a write has gone out.
     *
     * @return false when it could not: the client is gone, or has not taken the bytes for {@code timeoutSeconds}
     */
    static boolean sent(Future<Void> write, long timeoutSeconds) throws InterruptedException {
        try {
            write.toCompletionStage().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
