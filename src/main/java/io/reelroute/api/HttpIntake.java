package io.reelroute.api;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.files.AtomicFiles;
import io.reelroute.files.Workspace;
import io.reelroute.job.JobDraft;
import io.reelroute.spec.JobSpec;
import io.reelroute.spec.SpecReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the body of {@code POST /api/jobs} (or {@code /api/estimate}) into a job draft for the shared accept
 * route. Inputs are {@code https://} URLs, kept as they are, or base64 data URIs, decoded into a folder of
 * their own under {@code state/uploads/} that becomes the draft's base folder. The accept route copies them
 * into the blob store, so the folder is deleted once the request is answered, whatever the answer.
 */
public final class HttpIntake {
    public static final String SOURCE = "http";

    private final Workspace workspace;
    private final SpecReader specReader;
    private final ApiReplies replies;
    private final long maxUploadBytes;

    public HttpIntake(Workspace workspace, SpecReader specReader, ApiReplies replies, long maxUploadBytes) {
        this.workspace = workspace;
        this.specReader = specReader;
        this.replies = replies;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The draft of a JSON request; the owner is the key's owner, never the spec's {@code user_id}. */
    public JobDraft draft(byte[] body, String userId) {
        // base64 takes 4 bytes for 3, so a body this large cannot hold inputs within the limit
        if (body != null && body.length > maxUploadBytes / 3 * 4 + 65536) {
            throw ApiException.tooLarge("the request's inputs", maxUploadBytes);
        }
        JobSpec spec = specReader.read(body == null ? new byte[0] : body, SpecReader.Format.JSON, "request body");
        return draft(spec, Map.of(), userId);
    }

    /**
     * The draft of a multipart request: the JSON spec in the {@code spec} part (a field or a file), the inputs
     * as {@code image}, {@code audio} and {@code mask_image} file parts, which win over the spec's fields. The
     * server has already written each file part to disk; they are moved into the request's folder (or
     * deleted), so none is left behind.
     *
     * @param specField the {@code spec} part when sent as a plain field, else null
     * @param parts     the file parts by part name
     */
    public JobDraft multipartDraft(String specField, Map<String, DataHandler> parts, String userId) {
        Map<String, Upload> files = new LinkedHashMap<>();
        Map<String, DataHandler> all = parts == null ? Map.of() : parts;
        all.forEach((name, part) -> {
            if (part.getDataSource() instanceof FileDataSource file) {
                files.put(name, new Upload(file.getFile().toPath(), part.getName()));
            }
        });
        try {
            byte[] spec = specField != null ? specField.getBytes(StandardCharsets.UTF_8) : specPart(files);
            for (String name : files.keySet()) {
                if (!name.equals("spec") && !JobDraft.INPUT_ROLES.subList(0, 3).contains(name)) {
                    throw new ReelrouteException(ErrorCode.UNKNOWN_FIELD, "part '" + name + "' is not one of spec,"
                            + " image, audio, mask_image", name);
                }
            }
            if (files.values().stream().mapToLong(upload -> size(upload.file())).sum() > maxUploadBytes) {
                throw ApiException.tooLarge("the request's inputs", maxUploadBytes);
            }
            files.remove("spec");
            return draft(specReader.read(spec, SpecReader.Format.JSON, "part 'spec'"), files, userId);
        } finally {
            files.values().forEach(upload -> AtomicFiles.discard(upload.file()));
        }
    }

    /**
     * Deletes the file parts the server wrote for a request that was refused before they were read (no key, say),
     * so nobody can fill the disk with refused uploads.
     */
    public void discardParts(Map<String, DataHandler> parts) {
        if (parts != null) {
            parts.values().forEach(part -> {
                if (part.getDataSource() instanceof FileDataSource file) {
                    AtomicFiles.discard(file.getFile().toPath());
                }
            });
        }
    }

    private byte[] specPart(Map<String, Upload> files) {
        Path part = files.containsKey("spec") ? files.get("spec").file() : null;
        if (part == null) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "a multipart job request needs a 'spec' part"
                    + " holding the JSON job spec", "spec");
        }
        try {
            return Files.readAllBytes(part);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spec part " + part, e);
        }
    }

    /** The draft, with inputs from uploaded files (by role), data URIs (decoded) or https URLs, in that order. */
    private JobDraft draft(JobSpec spec, Map<String, Upload> uploaded, String userId) {
        Path folder = workspace.state().resolve("uploads").resolve(UUID.randomUUID().toString());
        long[] total = {0};
        try {
            String image = input(spec.image(), "image", uploaded, folder, total);
            String audio = input(spec.audio(), "audio", uploaded, folder, total);
            String mask = input(spec.maskImage(), "mask_image", uploaded, folder, total);
            return new JobDraft(SOURCE, spec.withInputs(image, audio, mask).withUserId(null), folder, null, userId);
        } catch (RuntimeException e) {
            AtomicFiles.deleteTree(folder);
            throw e;
        }
    }

    /** {@code 202 {job_id, status, estimate_usd}} for a recorded draft; a repeat costs nothing. */
    public ApiReply accepted(JobDraft draft) {
        cleanUp(draft);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job_id", draft.jobId());
        body.put("status", draft.repeatOf() == null ? "queued" : "waiting");
        body.put("estimate_usd", draft.repeatOf() == null ? draft.plan().estimateUsd() : BigDecimal.ZERO);
        if (draft.repeatOf() != null) {
            body.put("reused_from", draft.repeatOf());
        }
        return replies.json(202, body);
    }

    /** Deletes the request's upload folder (null: nothing was read yet). */
    public void cleanUp(JobDraft draft) {
        if (draft != null && draft.baseDir().startsWith(workspace.state().resolve("uploads"))) {
            AtomicFiles.deleteTree(draft.baseDir());
        }
    }

    private String input(String value, String field, Map<String, Upload> uploaded, Path folder, long[] total) {
        Upload part = uploaded.get(field);
        if (part != null) {
            return store(folder, field, extension(part.name()), file -> Files.move(part.file(), file));
        }
        if (value == null || value.startsWith("https://")) {
            return value;
        }
        if (!DataUris.isDataUri(value)) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, field + " must be an https:// URL, a base64"
                    + " data URI (data:image/png;base64,...) or a file part over HTTP; files on this machine are for"
                    + " the inbox", field);
        }
        DataUris.Decoded decoded = DataUris.decode(value, field);
        total[0] += decoded.bytes().length;
        if (total[0] > maxUploadBytes) {
            throw ApiException.tooLarge("the request's inputs", maxUploadBytes);
        }
        return store(folder, field, decoded.extension(), file -> Files.write(file, decoded.bytes()));
    }

    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    /** Writes an input into the request's folder as {@code <role>.<extension>}, the name the spec then gives. */
    private static String store(Path folder, String field, String extension, FileWriter writer) {
        String name = extension.isEmpty() ? field : field + "." + extension;
        try {
            Files.createDirectories(folder);
            writer.write(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an upload in " + folder, e);
        }
        return name;
    }

    /** A file part as the server stored it, and the name the client gave it. */
    private record Upload(Path file, String name) {
    }

    /** The extension of the client's file name: the server names its files by UUID, without one. */
    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
