package io.reelroute.story;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.media.FrameSize;
import io.reelroute.spec.SpecReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a story file with the job spec's rules (unknown fields refused, syntax errors with their line) and
 * checks what a story can check on its own, before any shot is priced: there are shots, their ids are
 * unique (missing ones become s01, s02, ...), the continuity is known, every character a shot names is in
 * the reference library, every export platform is an aspect reelroute makes. Each shot is then a job spec
 * ({@link StoryShots}), checked and priced by the catalog like any job.
 */
public final class StoryReader {
    private final SpecReader specReader;

    public StoryReader(SpecReader specReader) {
        this.specReader = specReader;
    }

    public StorySpec read(byte[] content, SpecReader.Format format, String sourceName) {
        StorySpec story = specReader.readDocument(content, format, sourceName, StorySpec.class);
        if (story.shots() == null || story.shots().isEmpty()) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, sourceName + " has no shots: a story lists its"
                    + " shots under 'shots', each with at least a prompt or a shot description", "shots");
        }
        checkContinuity(story, sourceName);
        story = story.withShots(withIds(story.shots(), sourceName));
        checkCharacters(story, sourceName);
        checkPlatforms(story, sourceName);
        checkTemplates(story, sourceName);
        for (int i = 0; i < story.shots().size(); i++) {
            SpecReader.checkRanges(StoryShots.toJobSpec(story, story.shots().get(i), null), sourceName + " shot "
                    + story.shots().get(i).id());
        }
        return story;
    }

    private static void checkContinuity(StorySpec story, String sourceName) {
        String word = story.continuity();
        if (word != null && Arrays.stream(StorySpec.Continuity.values()).noneMatch(c -> c.word().equals(word))) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "continuity '" + word + "' in " + sourceName
                    + " is not one reelroute knows; it takes last-frame, keyframes or none", "continuity");
        }
    }

    private static List<StorySpec.Shot> withIds(List<StorySpec.Shot> shots, String sourceName) {
        List<StorySpec.Shot> named = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < shots.size(); i++) {
            StorySpec.Shot shot = shots.get(i);
            String id = shot.id() == null || shot.id().isBlank() ? String.format("s%02d", i + 1) : shot.id();
            if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, "shot id '" + id + "' in " + sourceName
                        + " must be letters, digits, '.', '_' or '-' (it names files such as shots/" + "<id>.mp4)",
                        "shots[" + i + "].id");
            }
            if (!seen.add(id)) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, "two shots in " + sourceName + " have the id '"
                        + id + "'; each shot needs its own", "shots[" + i + "].id");
            }
            named.add(shot.withId(id));
        }
        return named;
    }

    private static void checkCharacters(StorySpec story, String sourceName) {
        Set<String> known = story.keyframes() == null || story.keyframes().references() == null ? Set.of()
                : story.keyframes().references().stream().map(StorySpec.Reference::id).collect(Collectors.toSet());
        for (int i = 0; i < story.shots().size(); i++) {
            StorySpec.Shot shot = story.shots().get(i);
            for (String character : shot.characters() == null ? List.<String>of() : shot.characters()) {
                if (!known.contains(character)) {
                    throw new ReelrouteException(ErrorCode.INVALID_INPUT, "shot " + shot.id() + " in " + sourceName
                            + " names the character '" + character + "', which is not among keyframes.references"
                            + (known.isEmpty() ? " (there are none)" : " (" + String.join(", ", known) + ")"),
                            "shots[" + i + "].characters");
                }
            }
        }
    }

    private static void checkTemplates(StorySpec story, String sourceName) {
        if (story.keyframes() == null || story.keyframes().templates() == null) {
            return;
        }
        story.keyframes().templates().forEach((name, template) -> {
            List<String> unknown = StoryKeyframes.unknownPlaceholders(template == null ? "" : template);
            if (!unknown.isEmpty()) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, "template '" + name + "' in " + sourceName
                        + " uses {" + String.join("}, {", unknown) + "}; templates may use {"
                        + String.join("}, {", StoryKeyframes.PLACEHOLDERS) + "}", "keyframes.templates." + name);
            }
        });
    }

    private static void checkPlatforms(StorySpec story, String sourceName) {
        if (story.export() == null || story.export().platforms() == null) {
            return;
        }
        for (String platform : story.export().platforms()) {
            try {
                FrameSize.normalizeAspect(platform);
            } catch (RuntimeException e) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, "export platform '" + platform + "' in "
                        + sourceName + " is not an aspect reelroute makes; it takes 16:9, 9:16 and 1:1"
                        + " (or horizontal, vertical, square)", "export.platforms");
            }
        }
    }
}
