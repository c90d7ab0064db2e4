package io.reelroute.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.reelroute.error.ErrorCode;
import io.reelroute.support.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxScannerTest {
    private static final Duration STABLE = Duration.ofSeconds(1);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final Duration ORPHAN = Duration.ofSeconds(30);

    @TempDir
    Path inbox;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));
    private InboxScanner scanner;

    @BeforeEach
    void setUp() {
        scanner = new InboxScanner(inbox, clock, STABLE, GRACE, ORPHAN);
    }

    private Path drop(String name, String content) throws Exception {
        return Files.writeString(inbox.resolve(name), content);
    }

    private List<InboxGroup> scanAfter(Duration wait) {
        clock.advance(wait);
        return scanner.readyGroups();
    }

    @Test
    void anImageAloneWaitsForItsSidecarGraceThenGoesAlone() throws Exception {
        Path image = drop("photo.png", "png");
        assertThat(scanner.readyGroups()).isEmpty();
        assertThat(scanAfter(STABLE)).as("stable, but a sidecar may still come").isEmpty();
        List<InboxGroup> ready = scanAfter(GRACE);
        assertThat(ready).containsExactly(InboxGroup.image(image, null));
        assertThat(scanAfter(GRACE)).as("handed out once").isEmpty();
    }

    @Test
    void aSidecarArrivingLaterStillPairs() throws Exception {
        Path image = drop("photo.png", "png");
        scanner.readyGroups();
        assertThat(scanAfter(Duration.ofMillis(1500))).isEmpty();
        Path sidecar = drop("photo.json", "{}");
        assertThat(scanAfter(Duration.ofMillis(100))).as("sidecar not stable yet").isEmpty();
        assertThat(scanAfter(STABLE)).containsExactly(InboxGroup.image(image, sidecar));
    }

    @Test
    void aFileThatIsStillGrowingIsNotTaken() throws Exception {
        Path job = drop("clip.job.yaml", "prompt: a");
        scanner.readyGroups();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(900));
            Files.writeString(job, "prompt: a" + "a".repeat(i + 1));
            Files.setLastModifiedTime(job, java.nio.file.attribute.FileTime.from(clock.instant()));
            assertThat(scanner.readyGroups()).as("changed %s times", i + 1).isEmpty();
        }
        assertThat(scanAfter(STABLE)).containsExactly(InboxGroup.jobFile(job));
    }

    @Test
    void jobFilesNeedNoGraceAndSubfoldersAreNeverJobs() throws Exception {
        Path job = drop("title.job.json", "{}");
        Files.createDirectories(inbox.resolve("media"));
        Files.writeString(inbox.resolve("media/voice.png"), "x");
        scanner.readyGroups();
        assertThat(scanAfter(STABLE)).containsExactly(InboxGroup.jobFile(job));
    }

    @Test
    void aSidecarWithoutAnImageIsRejectedAfterItsGrace() throws Exception {
        drop("lonely.yaml", "prompt: x");
        scanner.readyGroups();
        assertThat(scanAfter(STABLE.plus(GRACE))).isEmpty();
        List<InboxGroup> ready = scanAfter(ORPHAN);
        assertThat(ready).hasSize(1);
        assertThat(ready.get(0).kind()).isEqualTo(InboxGroup.Kind.NOT_ACCEPTED);
        assertThat(ready.get(0).problemCode()).isEqualTo(ErrorCode.MISSING_INPUT);
        assertThat(ready.get(0).problem()).contains("lonely.job.json");
    }

    @Test
    void filesOfOtherKindsAreRejectedAndTemporaryOnesIgnored() throws Exception {
        drop("notes.txt", "hello");
        drop("upload.png.part", "half");
        drop(".hidden.png", "x");
        scanner.readyGroups();
        List<InboxGroup> ready = scanAfter(STABLE);
        assertThat(ready).extracting(g -> g.primary().getFileName().toString()).containsExactly("notes.txt");
        assertThat(ready.get(0).problem()).contains("not something the inbox takes");
    }

    @Test
    void twoImagesSharingOneSidecarNameAreRejectedTogether() throws Exception {
        drop("photo.png", "a");
        drop("photo.jpg", "b");
        drop("photo.json", "{}");
        scanner.readyGroups();
        List<InboxGroup> ready = scanAfter(STABLE);
        assertThat(ready).hasSize(3).allSatisfy(g -> {
            assertThat(g.kind()).isEqualTo(InboxGroup.Kind.NOT_ACCEPTED);
            assertThat(g.problem()).contains("photo.jpg, photo.json, photo.png");
        });
    }

    @Test
    void aStableStoryFileIsAStoryGroup() throws Exception {
        drop("harbour.story.yaml", "title: x");
        assertThat(scanner.readyGroups()).as("not before it is stable").isEmpty();
        assertThat(scanAfter(STABLE)).singleElement().satisfies(group -> {
            assertThat(group.kind()).isEqualTo(InboxGroup.Kind.STORY_FILE);
            assertThat(group.primary().getFileName().toString()).isEqualTo("harbour.story.yaml");
            assertThat(group.source()).isEqualTo("inbox:harbour.story.yaml");
        });
    }
}
