package io.reelroute.intake;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.Hashing;
import io.reelroute.files.Workspace;
import io.reelroute.job.JobDraft;
import io.reelroute.spec.JobSpec;
import io.reelroute.spec.SpecReader;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a ready inbox group into a job draft, and moves its files to archive/ once the job is recorded. */
public final class InboxIntake {
    private static final Logger LOG = LoggerFactory.getLogger(InboxIntake.class);

    private final Workspace workspace;
    private final SpecReader specReader;
    private final JobStore jobs;
    private final Rejections rejections;
    private final String defaultUser;

    public InboxIntake(Workspace workspace, SpecReader specReader, JobStore jobs, Rejections rejections,
                       String defaultUser) {
        this.workspace = workspace;
        this.specReader = specReader;
        this.jobs = jobs;
        this.rejections = rejections;
        this.defaultUser = defaultUser;
    }

    public JobDraft toDraft(InboxGroup group) {
        if (group.kind() == InboxGroup.Kind.NOT_ACCEPTED) {
            throw new ReelrouteException(group.problemCode(), group.problem());
        }
        for (Path file : group.files()) {
            if (Files.isSymbolicLink(file)) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, file.getFileName()
                        + " is a symbolic link; put the file itself in the inbox", "image");
            }
        }
        JobSpec spec = switch (group.kind()) {
            case IMAGE -> imageSpec(group);
            case JOB_FILE -> read(group.primary());
            default -> throw new IllegalStateException(group.toString());
        };
        String userId = spec.userId() != null ? spec.userId() : defaultUser;
        return new JobDraft(group.source(), spec, workspace.inbox(), intakeKey(group), userId);
    }

    /** The job already recorded from these very files, when a crash came between recording and archiving. */
    public String recordedBefore(JobDraft draft) {
        return jobs.findUnarchivedIntake(draft.intakeKey()).map(JobRecord::id).orElse(null);
    }

    /**
     * The error path of the inbox: files whose job was recorded before the failure (a crash-free failure
     * after recording, say) go to archive/ under that job, for the job will run; all others to rejected/.
     */
    public void setAside(InboxGroup group, Throwable error) {
        String recorded = group.kind() == InboxGroup.Kind.NOT_ACCEPTED || !allExist(group) ? null
                : jobs.findUnarchivedIntake(intakeKey(group)).map(JobRecord::id).orElse(null);
        if (recorded != null) {
            LOG.warn("{} failed after its job {} was recorded; archiving its files, the job goes on", group, recorded,
                    error);
            archive(group, recorded);
        } else {
            rejections.reject(group, error);
        }
    }

    public void archive(InboxGroup group, String jobId) {
        group.moveFilesTo(workspace.archive().resolve(jobId));
        jobs.markInputsArchived(jobId);
    }

    private static boolean allExist(InboxGroup group) {
        return group.files().stream().allMatch(Files::isRegularFile);
    }

    private JobSpec imageSpec(InboxGroup group) {
        String imageName = group.primary().getFileName().toString();
        if (group.sidecar() == null) {
            return JobSpec.empty().withImage(imageName);
        }
        JobSpec spec = read(group.sidecar());
        if (spec.image() != null && !Objects.equals(spec.image(), imageName)) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, group.sidecar().getFileName() + " names image '"
                    + spec.image() + "', but as a sidecar it belongs to " + imageName
                    + "; leave 'image' out of a sidecar, or call the file *.job.json to name inputs yourself", "image");
        }
        return spec.withImage(imageName);
    }

    private JobSpec read(Path file) {
        String name = file.getFileName().toString();
        try {
            return specReader.read(Files.readAllBytes(file), SpecReader.Format.fromFileName(name), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A hash of the group's file names and contents. */
    public static String intakeKey(InboxGroup group) {
        StringBuilder key = new StringBuilder();
        for (Path file : group.files()) {
            key.append(file.getFileName()).append('=').append(Hashing.sha256(file)).append(';');
        }
        return Hashing.sha256(key.toString());
    }

}
