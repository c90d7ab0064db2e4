package io.reelroute.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.spec.JobSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputResolverTest {
    @TempDir
    Path root;

    private final InputResolver resolver = new InputResolver();

    private JobDraft draft(String image) throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        return new JobDraft("inbox:x", JobSpec.empty().withImage(image), inbox, "k", "default");
    }

    private ErrorCode codeOf(String image) {
        try {
            resolver.resolve(draft(image));
        } catch (ReelrouteException e) {
            assertThat(e.field()).isEqualTo("image");
            return e.code();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return null;
    }

    @Test
    void aPathInsideTheInboxResolvesEvenWithSpacesAndNonAsciiLetters() throws Exception {
        Path file = Files.createDirectories(root.resolve("inbox/refs")).resolve("Zoë på stranden.png");
        Files.writeString(file, "x");
        JobDraft draft = resolver.resolve(draft("refs/Zoë på stranden.png"));
        assertThat(draft.inputs().get("image").file()).isEqualTo(file);
    }

    @Test
    void aPathThatClimbsOutOfTheInboxIsRefused() {
        assertThat(codeOf("../../etc/passwd")).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(codeOf("/etc/passwd")).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(codeOf("refs/../../outside.png")).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void aSymbolicLinkIsRefusedAlsoAsAFolderOnTheWay() throws Exception {
        Path outside = Files.writeString(root.resolve("secret.png"), "x");
        Files.createDirectories(root.resolve("inbox"));
        Files.createSymbolicLink(root.resolve("inbox/link.png"), outside);
        Files.createSymbolicLink(root.resolve("inbox/linked-dir"), root);
        assertThat(codeOf("link.png")).isEqualTo(ErrorCode.INVALID_INPUT);
        assertThat(codeOf("linked-dir/secret.png")).isEqualTo(ErrorCode.INVALID_INPUT);
    }

    @Test
    void aMissingFileIsAMissingInput() {
        assertThat(codeOf("nothere.png")).isEqualTo(ErrorCode.MISSING_INPUT);
    }

    @Test
    void httpsUrlsAreKeptAndOtherSchemesRefused() throws Exception {
        JobDraft draft = resolver.resolve(draft("https://cdn.example.org/a.png"));
        assertThat(draft.inputs().get("image").url()).isEqualTo("https://cdn.example.org/a.png");
        assertThatThrownBy(() -> resolver.resolve(draft("file:///etc/passwd")))
                .hasMessageContaining("https://");
    }
}
