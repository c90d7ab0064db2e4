package io.reelroute.story;

import io.reelroute.files.AtomicFiles;
import io.reelroute.media.ClipJoiner;
import io.reelroute.media.FrameSize;
import io.reelroute.media.InterestPoint;
import io.reelroute.media.LocalPreviewRenderer;
import io.reelroute.media.MediaInfo;
import io.reelroute.media.MediaProbe;
import io.reelroute.media.PlatformReframe;
import io.reelroute.media.Slideshow;
import io.reelroute.media.SoundtrackMixer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A story's files besides its shots: {@code preview.mp4} (one still per shot, timed like the shots, made before
 * anything is paid for), {@code final.mp4} (the shots joined, the soundtrack mixed under them) and one
 * {@code final-<w>x<h>.mp4} per extra platform aspect, cropped around the cut's centre of interest
 * ({@link InterestPoint}) or padded. Each file appears atomically and is not made again once
 * it exists, so a story that is resumed after a crash picks up where its exports stopped.
 */
public final class StoryExports {
    static final String PREVIEW = "preview.mp4";
    static final String FINAL = "final.mp4";
    private static final String PREVIEW_RESOLUTION = "480p";
    private static final int PREVIEW_FPS = 24;

    private final Slideshow slideshow;
    private final ClipJoiner joiner;
    private final SoundtrackMixer mixer;
    private final PlatformReframe reframe;
    private final InterestPoint interest;
    private final LocalPreviewRenderer titles;
    private final MediaProbe probe;

    public StoryExports(Slideshow slideshow, ClipJoiner joiner, SoundtrackMixer mixer, PlatformReframe reframe,
                        InterestPoint interest, LocalPreviewRenderer titles, MediaProbe probe) {
        this.slideshow = slideshow;
        this.joiner = joiner;
        this.mixer = mixer;
        this.reframe = reframe;
        this.interest = interest;
        this.titles = titles;
        this.probe = probe;
    }

    /** The stills preview: each shot's own image, else its first character's reference, else a title card. */
    public Path preview(StorySpec story, StoryPlan plan, Path storyDir) {
        FrameSize size = FrameSize.of(PREVIEW_RESOLUTION, aspectOf(story));
        Path cards = storyDir.resolve(".preview-cards");
        try {
            List<Slideshow.Still> stills = new ArrayList<>();
            for (StorySpec.Shot shot : story.shots()) {
                Path image = pictureOf(story, plan, shot)
                        .orElseGet(() -> titles.titleStill(titleOf(story, shot), size, cards.resolve(shot.id() + ".png")));
                stills.add(new Slideshow.Still(image, plan.shot(shot.id()).seconds()));
            }
            return slideshow.make(stills, size, PREVIEW_FPS, storyDir.resolve(PREVIEW));
        } finally {
            AtomicFiles.deleteTree(cards);
        }
    }

    /** final.mp4 and the platform files; returns the platform files by aspect. */
    public Map<String, Path> finish(StorySpec story, StoryPlan plan, List<Path> shotFiles, Path storyDir) {
        Path finalCut = storyDir.resolve(FINAL);
        if (!Files.exists(finalCut)) {
            StoryPlan.Asset soundtrack = story.audio() == null ? null : plan.assets().get(story.audio());
            if (soundtrack == null) {
                joiner.join(shotFiles, finalCut);
            } else {
                Path joined = storyDir.resolve(".joined.mp4");
                joiner.join(shotFiles, joined);
                mixer.mix(joined, Path.of(soundtrack.file()), finalCut);
                AtomicFiles.discard(joined);
            }
        }
        MediaInfo cut = probe.probe(finalCut);
        String own = FrameSize.nearestAspect(cut.width(), cut.height());
        Map<String, Path> platforms = new LinkedHashMap<>();
        PlatformReframe.Focus focus = null;
        for (String platform : platformsOf(story)) {
            String aspect = FrameSize.normalizeAspect(platform);
            if (aspect.equals(own)) {
                continue;
            }
            Path file = storyDir.resolve(platformFile(aspect));
            if (!Files.exists(file)) {
                focus = focus != null ? focus : interest.of(finalCut);
                reframe.reframe(finalCut, aspect, focus, file);
            }
            platforms.put(aspect, file);
        }
        return platforms;
    }

    /** final-9x16.mp4 for 9:16: a colon would not survive copying the file to every system. */
    static String platformFile(String aspect) {
        return "final-" + aspect.replace(':', 'x') + ".mp4";
    }

    static List<String> platformsOf(StorySpec story) {
        return story.export() == null || story.export().platforms() == null ? List.of() : story.export().platforms();
    }

    static boolean wantsPreview(StorySpec story) {
        return story.export() == null || story.export().stillsPreview() == null || story.export().stillsPreview();
    }

    private static java.util.Optional<Path> pictureOf(StorySpec story, StoryPlan plan, StorySpec.Shot shot) {
        String path = shot.image() != null ? shot.image()
                : StoryReferences.ofShot(story, shot).stream().map(StorySpec.Reference::path).findFirst().orElse(null);
        StoryPlan.Asset asset = path == null ? null : plan.assets().get(path);
        return java.util.Optional.ofNullable(asset).map(a -> Path.of(a.file()));
    }

    private static String titleOf(StorySpec story, StorySpec.Shot shot) {
        String text = StoryShots.prompt(story, shot);
        return text != null ? text : String.format(Locale.ROOT, "Shot %s", shot.id());
    }

    static String aspectOf(StorySpec story) {
        return story.aspect() == null ? "16:9" : FrameSize.normalizeAspect(story.aspect());
    }
}
