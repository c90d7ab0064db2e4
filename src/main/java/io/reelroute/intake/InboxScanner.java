package io.reelroute.intake;

import io.reelroute.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which top-level inbox files are ready to be taken, and together with which. A file is ready once
 * its size and modification time have not changed for {@code stable}; an image without a sidecar waits
 * {@code sidecarGrace} more, so a sidecar that arrives a little later still pairs with it. The scanner
 * keeps no state that matters across restarts: the files themselves are the queue.
 */
public final class InboxScanner {
    private static final Logger LOG = LoggerFactory.getLogger(InboxScanner.class);

    private final Path inbox;
    private final Clock clock;
    private final Duration stable;
    private final Duration sidecarGrace;
    private final Duration orphanGrace;
    private final Map<Path, Observation> seen = new HashMap<>();

    private record Observation(long size, long modified, Instant since) {
    }

    public InboxScanner(Path inbox, Clock clock, Duration stable, Duration sidecarGrace, Duration orphanGrace) {
        this.inbox = inbox;
        this.clock = clock;
        this.stable = stable;
        this.sidecarGrace = sidecarGrace;
        this.orphanGrace = orphanGrace;
    }

    public synchronized List<InboxGroup> readyGroups() {
        Instant now = clock.instant();
        Map<Path, Duration> quietFor = observe(now);
        Map<String, List<Path>> imagesByStem = new TreeMap<>();
        Map<String, List<Path>> sidecarsByStem = new TreeMap<>();
        List<InboxGroup> ready = new ArrayList<>();
        for (Path file : quietFor.keySet()) {
            String name = file.getFileName().toString();
            boolean isStable = quietFor.get(file).compareTo(stable) >= 0;
            switch (InboxFileKind.of(name)) {
                case IMAGE -> imagesByStem.computeIfAbsent(InboxFileKind.stem(name), k -> new ArrayList<>()).add(file);
                case SIDECAR -> sidecarsByStem.computeIfAbsent(InboxFileKind.stem(name), k -> new ArrayList<>()).add(file);
                case JOB_FILE -> {
                    if (isStable) {
                        ready.add(InboxGroup.jobFile(file));
                    }
                }
                case STORY_FILE -> {
                    if (isStable) {
                        ready.add(InboxGroup.storyFile(file));
                    }
                }
                case OTHER -> {
                    if (isStable) {
                        ready.add(InboxGroup.notAccepted(file, ErrorCode.INVALID_INPUT, name + " is not something the"
                                + " inbox takes: it takes images (.png .jpg .jpeg .webp), a sidecar (.json .yaml) beside"
                                + " an image of the same name, *.job.json / *.job.yaml job files and *.story.json / *.story.yaml"
                                + " story files"));
                    }
                }
                case IGNORED -> {
                }
            }
        }
        imagesByStem.forEach((stem, images) -> pairImages(images, sidecarsByStem.remove(stem), quietFor, ready));
        sidecarsByStem.forEach((stem, sidecars) -> sidecars.forEach(sidecar -> {
            if (quietFor.get(sidecar).compareTo(stable.plus(orphanGrace)) >= 0) {
                ready.add(InboxGroup.notAccepted(sidecar, ErrorCode.MISSING_INPUT, sidecar.getFileName()
                        + " looks like a sidecar, but no image named " + stem + ".png, .jpg, .jpeg or .webp arrived within "
                        + orphanGrace.toSeconds() + " s; a job spec that names its own inputs must be called "
                        + stem + ".job.json or " + stem + ".job.yaml"));
            }
        }));
        ready.forEach(group -> group.files().forEach(seen::remove));
        ready.sort(Comparator.comparing(group -> group.primary().getFileName().toString()));
        return ready;
    }

    private void pairImages(List<Path> images, List<Path> sidecars, Map<Path, Duration> quietFor, List<InboxGroup> ready) {
        List<Path> all = new ArrayList<>(images);
        if (sidecars != null) {
            all.addAll(sidecars);
        }
        boolean allStable = all.stream().allMatch(f -> quietFor.get(f).compareTo(stable) >= 0);
        if (!allStable) {
            return;
        }
        if (images.size() > 1 || (sidecars != null && sidecars.size() > 1)) {
            String names = String.join(", ", all.stream().map(p -> p.getFileName().toString()).sorted().toList());
            for (Path file : all) {
                ready.add(InboxGroup.notAccepted(file, ErrorCode.INVALID_INPUT, "the files " + names
                        + " share one name, so it is not clear which sidecar belongs to which image; rename them"
                        + " so each image has its own name"));
            }
            return;
        }
        Path image = images.get(0);
        if (sidecars != null) {
            ready.add(InboxGroup.image(image, sidecars.get(0)));
        } else if (quietFor.get(image).compareTo(stable.plus(sidecarGrace)) >= 0) {
            ready.add(InboxGroup.image(image, null));
        }
    }

    /** Updates what was seen of each top-level file; returns how long each has been unchanged. */
    private Map<Path, Duration> observe(Instant now) {
        Map<Path, Duration> quietFor = new HashMap<>();
        try (Stream<Path> entries = Files.list(inbox)) {
            entries.forEach(file -> {
                BasicFileAttributes attrs;
                try {
                    attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (IOException gone) {
                    return;
                }
                if (attrs.isDirectory()) {
                    return;
                }
                long modified = attrs.lastModifiedTime().toMillis();
                Observation previous = seen.get(file);
                Observation current = previous != null && previous.size() == attrs.size() && previous.modified() == modified
                        ? previous : new Observation(attrs.size(), modified, now);
                seen.put(file, current);
                quietFor.put(file, Duration.between(current.since(), now));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the inbox " + inbox, e);
        }
        seen.keySet().retainAll(quietFor.keySet());
        return quietFor;
    }
}
