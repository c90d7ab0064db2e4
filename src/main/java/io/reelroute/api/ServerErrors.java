package io.reelroute.api;

import io.vertx.core.VertxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The HTTP server's own refusals in the API's words. A body over {@code reelroute.http.max-body-bytes} is cut
 * off by the server while it arrives, before any route sees it (so a huge upload never reaches the disk); its
 * 413 is answered as the same JSON error the routes give, not the server's plain text.
 */
public final class ServerErrors implements StartupListener {
    private final ApiReplies replies;
    private final long maxBodyBytes;

    public ServerErrors(ApiReplies replies, long maxBodyBytes) {
        this.replies = replies;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The server's options: its worker pool also carries the open event streams, one thread each. */
    public static VertxOptions serverOptions(int maxEventStreams) {
        return new VertxOptions().setWorkerPoolSize(VertxOptions.DEFAULT_WORKER_POOL_SIZE + maxEventStreams);
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the server's router exists once the context is fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ApiReply reply = replies.error(413, "invalid_input", "the request's body exceeds " + maxBodyBytes
                + " bytes (setting reelroute.http.max-body-bytes)", null);
        for (VertxPlatformHttpRouter router : context.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            // a failure handler on every path: the server's status-code error handlers sit on a router we cannot reach
            router.route().failureHandler(routing -> {
                if (routing.statusCode() == 413 && !routing.response().ended()) {
                    routing.response().setStatusCode(413).putHeader("Content-Type", reply.contentType())
                            .putHeader("Connection", "close").end((String) reply.body());
                } else {
                    routing.next();
                }
            });
        }
    }
}
