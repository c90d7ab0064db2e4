package io.reelroute.catalog;

import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import io.reelroute.spec.ClosestName;
import io.reelroute.spec.JobSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides how a job spec runs: its operation, its model (or, for {@code auto}, the cheapest that fits), the
 * values it runs with and what it costs; or refuses it with the CONTRACT error a user can act on.
 *
 * <p>A pure function of the catalog and its arguments (no I/O, no clock, no environment): the caller
 * supplies the facts about the input files and which providers are available. Thread-safe.
 *
 * <p>Checks, in this order: operation known; model known; model supports the operation; inputs present
 * ({@code missing_input}); every optional field taken by the model and within its values
 * ({@code unsupported_parameter}); the provider available ({@code provider_unavailable}, last, so a user
 * first learns everything that is wrong with the spec itself).
 */
public final class JobPlanner {

    private final ModelCatalog catalog;

    public JobPlanner(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /**
     * Plans one job.
     *
     * @param spec              the job spec as read
     * @param facts             what the intake knows about the input files ({@link InputFacts#NONE} when none)
     * @param providerAvailable whether a provider id ({@code wavespeed}) can be used here
     * @throws ReelrouteException invalid_input, unknown_model, unsupported_parameter, missing_input or
     *                            provider_unavailable, with the offending field
     */
    public PlannedJob plan(JobSpec spec, InputFacts facts, Predicate<String> providerAvailable) {
        Inputs inputs = new Inputs(spec, facts == null ? InputFacts.NONE : facts);
        Operation operation = operation(spec, inputs);
        String requested = isBlank(spec.model()) ? catalog.defaults().model() : spec.model().trim();
        if (ModelCatalog.AUTO.equalsIgnoreCase(requested)) {
            checkInputs(operation, inputs);
            return chooseCheapest(operation, spec, inputs, providerAvailable);
        }
        ModelDef model = catalog.find(requested).orElseThrow(() -> unknownModel(requested));
        if (!model.supports(operation)) {
            throw unsupportedOperation(model, operation);
        }
        checkInputs(operation, inputs);
        Fit fit;
        try {
            fit = fit(model, operation, spec, inputs);
        } catch (Rejection rejection) {
            throw rejection.asException();
        }
        if (!providerAvailable.test(model.provider())) {
            throw new ReelrouteException(ErrorCode.PROVIDER_UNAVAILABLE, unavailable(model), "model");
        }
        return fit.job();
    }

    // ---- operation, model, inputs ----

    private Operation operation(JobSpec spec, Inputs inputs) {
        if (isBlank(spec.operation())) {
            String id = inputs.hasImage() ? catalog.defaults().operationWithImage()
                    : catalog.defaults().operationWithoutImage();
            return Operation.fromId(id).orElseThrow();
        }
        return Operation.fromId(spec.operation()).orElseThrow(() -> new ReelrouteException(ErrorCode.INVALID_INPUT,
                "unknown operation '" + spec.operation().trim() + "': the operations are "
                        + String.join(", ", Operation.ids()), "operation"));
    }

    private ReelrouteException unknownModel(String requested) {
        String guess = ClosestName.among(requested, catalog.ids()).map(g -> " (did you mean '" + g + "'?)").orElse("");
        return new ReelrouteException(ErrorCode.UNKNOWN_MODEL, "unknown model '" + requested + "'" + guess
                + ": the models are " + String.join(", ", catalog.ids()) + ", or auto", "model");
    }

    private ReelrouteException unsupportedOperation(ModelDef model, Operation operation) {
        List<String> able = catalog.all().stream().filter(m -> m.supports(operation)).map(ModelDef::id).toList();
        String others = able.isEmpty() ? "" : " (models that do: " + String.join(", ", able) + ")";
        return new ReelrouteException(ErrorCode.UNSUPPORTED_PARAMETER, model.id() + " does not take operation "
                + operation.id() + ": it supports " + String.join(", ", model.operations()) + others, "operation");
    }

    /** Inputs depend on the operation only, so they are checked once, before any model is fitted. */
    private static void checkInputs(Operation operation, Inputs inputs) {
        switch (operation.image()) {
            case REQUIRED -> {
                if (!inputs.hasImage()) {
                    String what = operation == Operation.TALKING_AVATAR ? "an image of the speaker" : "an image";
                    throw new ReelrouteException(ErrorCode.MISSING_INPUT, operation.id() + " needs " + what
                            + ": give image (a path or an https:// URL)", "image");
                }
            }
            case REFUSED -> {
                if (inputs.hasImage()) {
                    throw new ReelrouteException(ErrorCode.UNSUPPORTED_PARAMETER, operation.id()
                            + " does not take an image: leave image out, or use operation image-to-video", "image");
                }
            }
            case OPTIONAL -> { }
        }
        if (operation.needsAudio()) {
            if (!inputs.hasAudio()) {
                throw new ReelrouteException(ErrorCode.MISSING_INPUT, operation.id()
                        + " needs audio to lip-sync: give audio (a path or an https:// URL)", "audio");
            }
            Double seconds = inputs.facts.audioSeconds();
            if (seconds == null) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, "the length of the audio could not be read;"
                        + " " + operation.id() + " is priced by it", "audio");
            }
            if (seconds <= 0) {
                throw new ReelrouteException(ErrorCode.INVALID_INPUT, "the audio is empty (0 seconds)", "audio");
            }
        }
    }

    // ---- auto ----

    private PlannedJob chooseCheapest(Operation operation, JobSpec spec, Inputs inputs, Predicate<String> available) {
        Fit best = null;
        List<String> reasons = new ArrayList<>();
        for (ModelDef model : catalog.all()) {
            if (!model.auto() || !model.supports(operation)) {
                continue;
            }
            Fit fit;
            try {
                fit = fit(model, operation, spec, inputs);
            } catch (Rejection rejection) {
                reasons.add(rejection.brief);
                continue;
            }
            if (!available.test(model.provider())) {
                reasons.add(unavailable(model));
                continue;
            }
            // strictly cheaper: on a tie the earlier model in the catalog stays
            if (best == null || fit.estimateUsd.compareTo(best.estimateUsd) < 0) {
                best = fit;
            }
        }
        if (best != null) {
            return best.job();
        }
        String why = reasons.isEmpty() ? "no model in the catalog that auto may choose does " + operation.id()
                : String.join("; ", reasons);
        throw new ReelrouteException(ErrorCode.PROVIDER_UNAVAILABLE,
                "model auto found no model that can run this " + operation.id() + " job here: " + why, "model");
    }

    private static String unavailable(ModelDef model) {
        ProviderDef provider = model.providerAccount();
        String hint = provider.keyEnv() == null ? "" : " (set " + provider.keyEnv() + ")";
        return "model " + model.id() + " runs on " + provider.name() + ", which is not available here" + hint;
    }

    // ---- fitting one model ----

    /** A model that can run the spec, with the values and price it would run with. */
    private record Fit(Operation operation, ModelDef model, Map<String, Object> parameters, double billedSeconds,
                       BigDecimal estimateUsd) {
        PlannedJob job() {
            return new PlannedJob(operation.id(), model, parameters, billedSeconds, estimateUsd);
        }
    }

    /** Why a model cannot run the spec: the full message for the user and a short one for auto's summary. */
    private static final class Rejection extends RuntimeException {
        private final ErrorCode code;
        private final String field;
        private final String brief;

        Rejection(ErrorCode code, String field, String message, String brief) {
            super(message, null, false, false);
            this.code = code;
            this.field = field;
            this.brief = brief;
        }

        ReelrouteException asException() {
            return new ReelrouteException(code, getMessage(), field);
        }
    }

    private Fit fit(ModelDef model, Operation operation, JobSpec spec, Inputs inputs) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (SpecParameter parameter : SpecParameter.values()) {
            Object given = inputs.given(parameter);
            ParameterRule rule = model.parameters().get(parameter.id());
            boolean lengthFromAudio = parameter == SpecParameter.DURATION && operation == Operation.TALKING_AVATAR;
            if (given == null) {
                if (rule != null && parameter.kind() != SpecParameter.Kind.INPUT && !lengthFromAudio) {
                    Object value = parameter == SpecParameter.ASPECT ? defaultAspect(rule, inputs) : rule.defaultValue();
                    if (value != null) {
                        parameters.put(parameter.id(), parameter.forJob(value));
                    }
                }
                continue;
            }
            if (parameter == SpecParameter.AUDIO && operation.needsAudio()) {
                continue; // the operation's own input, not an optional extra
            }
            String shown = show(parameter, given);
            if (lengthFromAudio) {
                throw new Rejection(ErrorCode.UNSUPPORTED_PARAMETER, parameter.id(), model.id() + " does not take "
                        + parameter.id() + " " + shown + " for talking-avatar: the video is as long as the audio",
                        model.id() + " does not take duration for talking-avatar");
            }
            if (rule == null) {
                throw notTaken(model, parameter, shown);
            }
            Optional<Object> accepted = rule.accept(parameter.canonical(given));
            if (accepted.isEmpty()) {
                String brief = model.id() + " does not take " + parameter.id() + " " + shown;
                throw new Rejection(ErrorCode.UNSUPPORTED_PARAMETER, parameter.id(),
                        brief + ": it takes " + rule.describe(parameter.id()), brief);
            }
            if (parameter.kind() != SpecParameter.Kind.INPUT) {
                parameters.put(parameter.id(), parameter.forJob(accepted.get()));
            }
        }
        double seconds = runSeconds(model, operation, parameters, inputs);
        PriceRule price = model.pricing().stream().filter(rule -> rule.matches(operation.id(), parameters))
                .findFirst().orElseThrow(() -> new ReelrouteException(ErrorCode.INTERNAL, "models.yaml has no price"
                        + " for " + model.id() + " with " + parameters + "; add a catch-all rule"));
        double billed = price.billedSeconds(seconds);
        return new Fit(operation, model, parameters, billed, price.price(billed));
    }

    private static Rejection notTaken(ModelDef model, SpecParameter parameter, String shown) {
        String brief = model.id() + " does not take " + parameter.id() + (shown.isEmpty() ? "" : " " + shown);
        boolean aboutFrame = parameter == SpecParameter.RESOLUTION || parameter == SpecParameter.ASPECT;
        String explanation = aboutFrame ? model.output().explanation() : null;
        String message = brief + (explanation == null ? "" : ": " + explanation) + "; it takes "
                + model.describeParameters();
        return new Rejection(ErrorCode.UNSUPPORTED_PARAMETER, parameter.id(), message, brief);
    }

    /** The nearest of the model's aspects to the input image, else the model's default. */
    private static Object defaultAspect(ParameterRule rule, Inputs inputs) {
        if (inputs.hasImage() && inputs.facts.knowsImageSize() && rule.values() != null) {
            List<String> ratios = rule.values().stream().map(Object::toString).toList();
            Optional<String> nearest = AspectRatio.nearest(ratios, inputs.facts.imageWidth(), inputs.facts.imageHeight());
            if (nearest.isPresent()) {
                return nearest.get();
            }
        }
        return rule.defaultValue();
    }

    /** Seconds of output the price is for, before the price rule's minimum. */
    private static double runSeconds(ModelDef model, Operation operation, Map<String, Object> parameters, Inputs inputs) {
        if (operation == Operation.TALKING_AVATAR) {
            double audio = inputs.facts.audioSeconds();
            Integer longest = model.capabilities().maxDurationSeconds();
            if (longest != null && audio > longest) {
                String brief = model.id() + " does not take audio of " + Values.show(BigDecimal.valueOf(audio)) + " s";
                throw new Rejection(ErrorCode.UNSUPPORTED_PARAMETER, "audio",
                        brief + ": it takes audio up to " + longest + " s", brief);
            }
            // providers bill audio by the started second
            return Math.ceil(audio);
        }
        if (!operation.makesVideo()) {
            return 0;
        }
        Object duration = parameters.get(SpecParameter.DURATION.id());
        return duration instanceof Number number ? number.doubleValue() : 0;
    }

    /** The value as the user wrote it: 7, 'blurry', vertical (9:16). */
    private static String show(SpecParameter parameter, Object given) {
        return switch (parameter.kind()) {
            case TEXT, INPUT -> given.toString().isEmpty() ? "" : "'" + given + "'";
            case ASPECT -> {
                String normalized = AspectRatio.normalize(given.toString());
                yield normalized.equals(given.toString().trim()) ? normalized : given.toString().trim() + " (" + normalized + ")";
            }
            default -> Values.show(given);
        };
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** The spec together with the intake's facts: an input is present if either names it. */
    private static final class Inputs {
        private final JobSpec spec;
        private final InputFacts facts;

        Inputs(JobSpec spec, InputFacts facts) {
            this.spec = spec;
            this.facts = facts;
        }

        boolean hasImage() {
            return facts.hasImage() || !isBlank(spec.image());
        }

        boolean hasAudio() {
            return facts.hasAudio() || !isBlank(spec.audio());
        }

        /** The spec's value for a field; for input files also "" when only an uploaded part provides it. */
        Object given(SpecParameter parameter) {
            Object value = parameter.given(spec);
            if (value == null && parameter == SpecParameter.AUDIO && facts.hasAudio()) {
                return "";
            }
            if (value == null && parameter == SpecParameter.MASK_IMAGE && facts.hasMaskImage()) {
                return "";
            }
            return value;
        }
    }
}
