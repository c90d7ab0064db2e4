package io.reelroute.story;

import java.util.List;
import java.util.Optional;

/** Lookups in a story's reference library ({@code keyframes.references}). */
final class StoryReferences {
    private StoryReferences() {
    }

    static List<StorySpec.Reference> all(StorySpec story) {
        return story.keyframes() == null || story.keyframes().references() == null ? List.of()
                : story.keyframes().references();
    }

    static Optional<StorySpec.Reference> of(StorySpec story, String id) {
        return all(story).stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The references of the shot's characters, in the order the shot names them. */
    static List<StorySpec.Reference> ofShot(StorySpec story, StorySpec.Shot shot) {
        return (shot.characters() == null ? List.<String>of() : shot.characters()).stream()
                .map(id -> of(story, id)).flatMap(Optional::stream).toList();
    }
}
