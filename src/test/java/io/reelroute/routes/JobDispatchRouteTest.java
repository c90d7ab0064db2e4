package io.reelroute.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.store.JobRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/** The content-based router of routes/job-dispatch.camel.yaml: each claimed job goes to its provider's route. */
class JobDispatchRouteTest extends RouteTestSupport {

    /** Stands in for the dispatcher: what claim() returns, and the otherwise branch's refusal. */
    public static final class ClaimedJobs {
        final List<JobRecord> next = new ArrayList<>();

        public List<JobRecord> claim() {
            List<JobRecord> claimed = List.copyOf(next);
            next.clear();
            return claimed;
        }

        public void unroutable(JobRecord job) {
            throw new ReelrouteException(ErrorCode.PROVIDER_UNAVAILABLE, "no route for provider " + job.provider());
        }
    }

    /** Records what the job-failures policy reports. */
    public static final class FailedJobs {
        final Map<String, Throwable> failed = new java.util.concurrent.ConcurrentHashMap<>();

        public void fail(String jobId, Throwable error) {
            failed.put(jobId, error);
        }
    }

    private final ClaimedJobs dispatcher = new ClaimedJobs();
    private final FailedJobs outcomes = new FailedJobs();

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("dispatcher", dispatcher);
        registry.bind("jobOutcomes", outcomes);
    }

    private MockEndpoint startWithLocalProviderMocked() throws Exception {
        load("error-handling.camel.yaml", "job-dispatch.camel.yaml");
        AdviceWith.adviceWith(context, "job-dispatch", a -> {
            a.replaceFromWith("direct:tick");
            a.weaveByToUri("seda:provider-local-preview").replace().to("mock:local-preview");
            a.weaveByToUri("seda:provider-fal").replace().to("mock:fal");
        });
        context.start();
        return getMockEndpoint("mock:local-preview");
    }

    @Test
    void eachJobGoesToItsProvidersRouteAndAnUnknownProviderFailsTheJob() throws Exception {
        MockEndpoint local = startWithLocalProviderMocked();
        MockEndpoint fal = getMockEndpoint("mock:fal");
        local.expectedMessageCount(2);
        fal.expectedMessageCount(1);

        dispatcher.next.addAll(List.of(job("a", "local"), job("b", "fal"), job("c", "local"), job("d", "mystery")));
        template.sendBody("direct:tick", null);

        MockEndpoint.assertIsSatisfied(local, fal);
        assertThat(local.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(JobRecord.class).id())
                .containsExactly("a", "c");
        assertThat(fal.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(JobRecord.class).id())
                .containsExactly("b");
        assertThat(outcomes.failed).containsOnlyKeys("d");
        assertThat(((ReelrouteException) outcomes.failed.get("d")).code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void aTickWithNothingToStartSendsNothing() throws Exception {
        MockEndpoint local = startWithLocalProviderMocked();
        local.expectedMessageCount(0);
        local.setAssertPeriod(200);

        template.sendBody("direct:tick", null);

        local.assertIsSatisfied();
        assertThat(outcomes.failed).isEmpty();
    }
}
