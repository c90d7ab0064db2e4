package io.reelroute.routes;

import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;

/** Loads real route files from routes/ into a test context that AdviceWith can rewire before it starts. */
abstract class RouteTestSupport extends CamelTestSupport {

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("reelroute.dispatch.period-ms", "100000");
        properties.put("reelroute.dispatch.delay-ms", "100000");
        properties.put("reelroute.inbox.poll-ms", "100000");
        properties.put("reelroute.providers.local.consumers", "1");
        properties.put("reelroute.providers.remote.consumers", "1");
        properties.put("reelroute.poll.period-ms", "100000");
        properties.put("reelroute.poll.consumers", "1");
        return properties;
    }

    protected void load(String... files) throws Exception {
        CamelContext camel = context();
        for (String file : files) {
            PluginHelper.getRoutesLoader(camel).loadRoutes(
                    PluginHelper.getResourceLoader(camel).resolveResource("file:routes/" + file));
        }
    }

    static JobRecord job(String id, String provider) {
        Instant now = Instant.parse("2026-11-21T10:00:00Z");
        return new JobRecord(id, "alice", "inbox:" + id + ".png", null, "fp-" + id, JobState.RUNNING,
                "image-to-video", provider.equals("local") ? "local-preview" : "ltx-2", provider, "{}", "p", "{}",
                5.0, BigDecimal.ZERO, null, null, null, null, null, false, false, false, now, now, now, null, null,
                null, null, null, null, null, 0, null);
    }
}
