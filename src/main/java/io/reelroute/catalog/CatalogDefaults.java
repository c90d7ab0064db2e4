package io.reelroute.catalog;

/**
 * The {@code defaults:} block of models.yaml.
 *
 * @param model                  the model a spec without {@code model} runs on (a catalog id or {@code auto})
 * @param operationWithImage     the operation of a spec without {@code operation} that has an image
 * @param operationWithoutImage  ... and of one without an image
 * @param poll                   cadence for models that do not set their own
 */
public record CatalogDefaults(String model, String operationWithImage, String operationWithoutImage, PollCadence poll) {
}
