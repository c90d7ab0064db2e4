package io.reelroute.intake;

import java.util.Locale;

/** What a top-level inbox file is, by its name (CONTRACT 2.1). */
enum InboxFileKind {
    IMAGE, SIDECAR, JOB_FILE, STORY_FILE, IGNORED, OTHER;

    static InboxFileKind of(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp") || name.endsWith("~")
                || name.endsWith(".crdownload") || name.endsWith(".error.json")) {
            return IGNORED;
        }
        if (name.matches(".+\\.job\\.(json|ya?ml)")) {
            return JOB_FILE;
        }
        if (name.matches(".+\\.story\\.(json|ya?ml)")) {
            return STORY_FILE;
        }
        if (name.matches(".+\\.(png|jpe?g|webp)")) {
            return IMAGE;
        }
        if (name.matches(".+\\.(json|ya?ml)")) {
            return SIDECAR;
        }
        return OTHER;
    }

    /** The name without its last extension: photo.png and photo.json share the stem "photo". */
    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }
}
