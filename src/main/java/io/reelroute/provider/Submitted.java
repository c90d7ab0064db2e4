package io.reelroute.provider;

import java.nio.file.Path;

/** The answer to a submit: a prediction to follow, or (synchronous models) the finished output itself. */
public sealed interface Submitted {

    record Accepted(Prediction prediction) implements Submitted {
    }

    /** A synchronous model answered with its output, already written to {@code output}. */
    record Finished(String predictionId, Path output) implements Submitted {
    }
}
