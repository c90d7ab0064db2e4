package io.reelroute.routes;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.intake.InboxGroup;
import io.reelroute.job.JobDraft;
import io.reelroute.spec.JobSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.junit.jupiter.api.Test;

/**
 * The wiring of routes/inbox-accept.camel.yaml: a group is turned into a draft, accepted and archived under
 * its new job id; a group recorded before a crash is only archived; any failure sets the group aside with
 * the exception.
 */
class InboxAcceptRouteTest extends RouteTestSupport {

    /** Stands in for InboxIntake. */
    public static final class Intake {
        String recordedBefore;
        RuntimeException failure;
        final List<String> archived = new ArrayList<>();

        public JobDraft toDraft(InboxGroup group) {
            if (failure != null) {
                throw failure;
            }
            return new JobDraft(group.source(), JobSpec.empty(), Path.of("inbox"), "key", "alice");
        }

        public String recordedBefore(JobDraft draft) {
            return recordedBefore;
        }

        public void archive(InboxGroup group, String jobId) {
            archived.add(group.primary().getFileName() + "->" + jobId);
        }

        final List<String> setAside = new ArrayList<>();

        public void setAside(InboxGroup group, Throwable error) {
            setAside.add(group.primary().getFileName() + ":" + ((ReelrouteException) error).code().code());
        }
    }

    private final Intake intake = new Intake();
    private final InboxGroup photo = InboxGroup.image(Path.of("inbox/photo.png"), null);

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("inboxIntake", intake);
    }

    private MockEndpoint startWithAcceptRecording(String jobId) throws Exception {
        load("error-handling.camel.yaml", "inbox-accept.camel.yaml");
        AdviceWith.adviceWith(context, "inbox-accept", a -> a.interceptSendToEndpoint("direct:job-accept")
                .skipSendToOriginalEndpoint().to("mock:job-accept"));
        context.start();
        MockEndpoint accept = getMockEndpoint("mock:job-accept");
        accept.whenAnyExchangeReceived(e -> e.getMessage().getBody(JobDraft.class).recorded(jobId, null));
        return accept;
    }

    @Test
    void anAcceptedGroupIsArchivedUnderItsNewJob() throws Exception {
        MockEndpoint accept = startWithAcceptRecording("job-1");
        accept.expectedMessageCount(1);

        template.sendBody("direct:inbox-accept", photo);

        accept.assertIsSatisfied();
        assertThat(intake.archived).containsExactly("photo.png->job-1");
        assertThat(intake.setAside).isEmpty();
    }

    @Test
    void aGroupRecordedBeforeACrashIsOnlyArchived() throws Exception {
        intake.recordedBefore = "job-0";
        MockEndpoint accept = startWithAcceptRecording("job-1");
        accept.expectedMessageCount(0);

        template.sendBody("direct:inbox-accept", photo);

        accept.assertIsSatisfied();
        assertThat(intake.archived).containsExactly("photo.png->job-0");
    }

    @Test
    void aFailureRejectsTheGroupAndArchivesNothing() throws Exception {
        intake.failure = new ReelrouteException(ErrorCode.UNKNOWN_FIELD, "unknown field 'x'", "x");
        MockEndpoint accept = startWithAcceptRecording("job-1");
        accept.expectedMessageCount(0);

        template.sendBody("direct:inbox-accept", photo);

        accept.assertIsSatisfied();
        assertThat(intake.setAside).containsExactly("photo.png:unknown_field");
        assertThat(intake.archived).isEmpty();
    }

    @Test
    void aFailureDuringAcceptanceRejectsTheGroup() throws Exception {
        MockEndpoint accept = startWithAcceptRecording("job-1");
        accept.whenAnyExchangeReceived(e -> {
            throw new ReelrouteException(ErrorCode.QUOTA_EXCEEDED, "over budget");
        });

        template.sendBody("direct:inbox-accept", photo);

        assertThat(intake.setAside).containsExactly("photo.png:quota_exceeded");
        assertThat(intake.archived).isEmpty();
    }
}
