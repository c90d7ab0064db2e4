package io.reelroute.api;

import io.reelroute.delivery.JobOutcomes;
import io.reelroute.files.Workspace;
import io.reelroute.store.JobRecord;
import io.reelroute.store.JobState;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code GET /api/jobs/{id}/video}: the delivered MP4, whole (200) or one byte range (206), streamed from disk
 * so a large file never sits in memory. Players seek with ranges, hence {@code Accept-Ranges: bytes}.
 */
public final class VideoFiles {
    private final OwnedJobs owned;
    private final Workspace workspace;

    public VideoFiles(OwnedJobs owned, Workspace workspace) {
        this.owned = owned;
        this.workspace = workspace;
    }

    public ApiReply video(String userId, String jobId, String range) {
        JobRecord job = owned.find(userId, jobId);
        if (job.state() != JobState.COMPLETED) {
            throw new ApiException(409, "conflict", "job " + jobId + " is " + job.state().dbValue()
                    + "; its video is there once it is completed", "job_id");
        }
        Path file = JobOutcomes.primaryOutput(workspace.outputOf(jobId)).orElseThrow(() -> new ApiException(404,
                "not_found", "job " + jobId + " has no video file", "job_id"));
        String type = file.getFileName().toString().endsWith(".mp4") ? "video/mp4"
                : file.getFileName().toString().endsWith(".png") ? "image/png" : "image/jpeg";
        try {
            long size = Files.size(file);
            ByteRange part = ByteRange.parse(range, size).orElse(null);
            if (part == null) {
                return new ApiReply(200, type, Files.newInputStream(file), Map.of("Accept-Ranges", "bytes",
                        "Content-Length", Long.toString(size)));
            }
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(part.start());
            return new ApiReply(206, type, limited(Channels.newInputStream(channel), part.length()),
                    Map.of("Accept-Ranges", "bytes", "Content-Range", part.contentRange(size),
                            "Content-Length", Long.toString(part.length())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A stream that ends after {@code length} bytes and closes the file under it. */
    private static InputStream limited(InputStream in, long length) {
        return new FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int b = super.read();
                left -= b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = super.read(buffer, offset, (int) Math.min(count, left));
                left -= Math.max(n, 0);
                return n;
            }
        };
    }
}
