package io.reelroute.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.Workspace;
import io.reelroute.job.JobDraft;
import io.reelroute.spec.SpecReader;
import io.reelroute.store.Database;
import io.reelroute.store.JobState;
import io.reelroute.store.JobStore;
import io.reelroute.store.NewJob;
import io.reelroute.support.TestDatabases;
import io.reelroute.support.Workspaces;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxIntakeTest {
    @TempDir
    Path root;

    private Database db;
    private JobStore jobs;
    private Workspace workspace;
    private InboxIntake intake;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(root);
        jobs = new JobStore(db, Clock.systemUTC());
        workspace = new Workspace(root.resolve("home")).create();
        intake = new InboxIntake(workspace, new SpecReader(), jobs, new Rejections(workspace, new ObjectMapper()),
                "default");
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private InboxGroup dropPair() throws Exception {
        Path image = Files.copy(Path.of("samples/test-card.png"), workspace.inbox().resolve("photo.png"));
        Path sidecar = Files.writeString(workspace.inbox().resolve("photo.yaml"), "prompt: pan left\nduration: 2\n");
        return InboxGroup.image(image, sidecar);
    }

    @Test
    void aSidecarBecomesTheSpecOfItsImage() throws Exception {
        JobDraft draft = intake.toDraft(dropPair());
        assertThat(draft.spec().image()).isEqualTo("photo.png");
        assertThat(draft.spec().prompt()).isEqualTo("pan left");
        assertThat(draft.source()).isEqualTo("inbox:photo.png");
        assertThat(draft.userId()).isEqualTo("default");
    }

    @Test
    void aFailureBeforeTheJobIsRecordedRejectsEveryFileWithItsReason() throws Exception {
        InboxGroup group = dropPair();
        intake.setAside(group, new ReelrouteException(ErrorCode.UNKNOWN_MODEL, "unknown model 'x'", "model"));

        assertThat(workspace.inbox().resolve("photo.png")).doesNotExist();
        for (String name : List.of("photo.png", "photo.yaml")) {
            assertThat(workspace.rejected().resolve(name)).exists();
            var error = Workspaces.read(workspace.rejected().resolve(name + ".error.json"));
            assertThat(error.get("error").asText()).isEqualTo("unknown_model");
            assertThat(error.get("field").asText()).isEqualTo("model");
            assertThat(error.get("source").asText()).isEqualTo("inbox:photo.png");
        }
    }

    @Test
    void aFailureAfterTheJobWasRecordedArchivesTheFilesForTheJobGoesOn() throws Exception {
        InboxGroup group = dropPair();
        JobDraft draft = intake.toDraft(group);
        db.inTransaction(c -> {
            jobs.insert(c, new NewJob("job-1", "default", draft.source(), draft.intakeKey(), "fp", JobState.QUEUED,
                    "image-to-video", "local-preview", "local", "{}", "p", "{}", 2, BigDecimal.ZERO, null, List.of()));
            return null;
        });

        intake.setAside(group, new IllegalStateException("the log line failed"));

        assertThat(workspace.archive().resolve("job-1/photo.png")).exists();
        assertThat(workspace.archive().resolve("job-1/photo.yaml")).exists();
        assertThat(workspace.rejected()).isEmptyDirectory();
        assertThat(jobs.find("job-1").orElseThrow().inputsArchived()).isTrue();
    }
}
