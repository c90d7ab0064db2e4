package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.reelroute.spec.TypeWords;
import io.reelroute.spec.SyntaxError;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns models.yaml into a {@link ModelCatalog}, refusing anything that would misroute or misprice a job
 * later: unknown keys, unknown providers or operations, defaults outside their own values, price lists that
 * leave a case unpriced, request mappings that miss a parameter. All problems are reported at once.
 */
final class CatalogReader {

    private static final BigDecimal DEFAULT_INTERVAL = BigDecimal.valueOf(5);
    private static final BigDecimal DEFAULT_TIMEOUT = BigDecimal.valueOf(600);
    private static final int DEFAULT_CONCURRENCY = 2;
    /** Past this many combinations the coverage check of a price list is skipped (never near in practice). */
    private static final int MAX_PRICE_COMBINATIONS = 10_000;

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    // The file's shape. Package-private records so Jackson binds them and reports unknown keys.
    record CatalogFile(DefaultsEntry defaults, LinkedHashMap<String, ProviderEntry> providers, List<ModelEntry> models) {
    }

    record DefaultsEntry(String model, OperationDefaults operation, PollCadence poll) {
    }

    record OperationDefaults(@JsonProperty("with_image") String withImage,
                             @JsonProperty("without_image") String withoutImage) {
    }

    record ProviderEntry(String name, @JsonProperty("key_env") String keyEnv, Integer concurrency) {
    }

    record ModelEntry(String id, String provider, String description, List<String> operations, String endpoint,
                      LinkedHashMap<String, String> endpoints, LinkedHashMap<String, ParameterRule> parameters,
                      ModelOutput output, List<PriceRule> pricing, PollCadence poll, Capabilities capabilities,
                      Boolean auto, LinkedHashMap<String, JsonNode> request) {
    }

    private CatalogReader() {
    }

    static ModelCatalog read(byte[] content, String source) {
        JsonNode tree;
        try {
            tree = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw new CatalogException(source + " is not valid YAML: " + SyntaxError.describe(e), e);
        } catch (IOException e) {
            throw new CatalogException("cannot read the model catalog " + source + ": " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull() || !tree.isObject()) {
            throw new CatalogException(source + " holds no catalog: expected the keys defaults, providers and models");
        }
        CatalogFile file;
        try {
            file = YAML.treeToValue(tree, CatalogFile.class);
        } catch (JsonMappingException e) {
            throw new CatalogException(source + ": " + where(e, tree) + ": " + bindingReason(e), e);
        } catch (JsonProcessingException e) {
            throw new CatalogException(source + ": " + firstLine(e.getOriginalMessage()), e);
        }
        return new CatalogReader.Build(source).catalog(file);
    }

    /** One reading of one file: collects every problem, then fails with all of them or builds the catalog. */
    private static final class Build {
        private final String source;
        private final List<String> problems = new ArrayList<>();

        Build(String source) {
            this.source = source;
        }

        private void problem(String where, String what) {
            problems.add(where + ": " + what);
        }

        ModelCatalog catalog(CatalogFile file) {
            Map<String, ProviderDef> providers = providers(file.providers());
            PollCadence defaultPoll = poll(file.defaults() == null ? null : file.defaults().poll(),
                    new PollCadence(DEFAULT_INTERVAL, DEFAULT_TIMEOUT), "defaults", "defaults.poll");
            List<ModelDef> models = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<ModelEntry> entries = file.models() == null ? List.of() : file.models();
            if (entries.isEmpty()) {
                problem("models", "the catalog lists no models");
            }
            for (int i = 0; i < entries.size(); i++) {
                ModelEntry entry = entries.get(i);
                if (entry == null || entry.id() == null || entry.id().isBlank()) {
                    problem("models[" + (i + 1) + "]", "the model has no id");
                    continue;
                }
                String id = entry.id().trim();
                if (!seen.add(id.toLowerCase(Locale.ROOT))) {
                    problem("model '" + id + "'", "the id is used twice");
                    continue;
                }
                if (ModelCatalog.AUTO.equalsIgnoreCase(id)) {
                    problem("model '" + id + "'", "'auto' is reserved: it asks reelroute to choose a model");
                    continue;
                }
                ModelDef model = model(entry, id, providers, defaultPoll);
                if (model != null) {
                    models.add(model);
                }
            }
            CatalogDefaults defaults = defaults(file.defaults(), defaultPoll, seen);
            if (!problems.isEmpty()) {
                throw new CatalogException(source + " is not a usable model catalog:\n  - "
                        + String.join("\n  - ", problems));
            }
            return new ModelCatalog(source, defaults, providers, models);
        }

        private CatalogDefaults defaults(DefaultsEntry entry, PollCadence poll, Set<String> modelIds) {
            String model = entry == null || entry.model() == null ? null : entry.model().trim();
            if (model == null) {
                problem("defaults", "model is missing: name the model a spec without 'model' runs on");
            } else if (!ModelCatalog.AUTO.equalsIgnoreCase(model) && !modelIds.contains(model.toLowerCase(Locale.ROOT))) {
                problem("defaults.model", "'" + model + "' is not a model of this catalog");
            }
            OperationDefaults ops = entry == null ? null : entry.operation();
            String withImage = ops == null || ops.withImage() == null ? Operation.IMAGE_TO_VIDEO.id() : ops.withImage();
            String withoutImage = ops == null || ops.withoutImage() == null ? Operation.TEXT_TO_VIDEO.id() : ops.withoutImage();
            Optional<Operation> imageOp = Operation.fromId(withImage);
            if (imageOp.isEmpty() || imageOp.get().image() == Operation.Need.REFUSED) {
                problem("defaults.operation.with_image", "'" + withImage + "' is not an operation that takes an image"
                        + " (one of " + opsTaking(true) + ")");
            }
            Optional<Operation> textOp = Operation.fromId(withoutImage);
            if (textOp.isEmpty() || textOp.get().image() == Operation.Need.REQUIRED) {
                problem("defaults.operation.without_image", "'" + withoutImage + "' is not an operation that works"
                        + " without an image (one of " + opsTaking(false) + ")");
            }
            return new CatalogDefaults(model, withImage, withoutImage, poll);
        }

        private static String opsTaking(boolean image) {
            return Arrays.stream(Operation.values())
                    .filter(op -> image ? op.image() != Operation.Need.REFUSED : op.image() != Operation.Need.REQUIRED)
                    .map(Operation::id).collect(Collectors.joining(", "));
        }

        private Map<String, ProviderDef> providers(Map<String, ProviderEntry> entries) {
            Map<String, ProviderDef> providers = new LinkedHashMap<>();
            if (entries == null || entries.isEmpty()) {
                problem("providers", "no provider accounts are listed");
                return providers;
            }
            entries.forEach((id, entry) -> {
                String where = "provider '" + id + "'";
                if (!ProviderDef.KNOWN_IDS.contains(id)) {
                    problem(where, "reelroute has no client for it (known: " + String.join(", ", ProviderDef.KNOWN_IDS) + ")");
                    return;
                }
                ProviderEntry e = entry == null ? new ProviderEntry(null, null, null) : entry;
                int concurrency = e.concurrency() == null ? DEFAULT_CONCURRENCY : e.concurrency();
                if (concurrency < 1) {
                    problem(where + ", key concurrency", "must be at least 1, is " + concurrency);
                }
                if (!"local".equals(id) && (e.keyEnv() == null || e.keyEnv().isBlank())) {
                    problem(where + ", key key_env", "is missing: name the environment variable that holds its key");
                }
                providers.put(id, new ProviderDef(id, e.name() == null ? id : e.name(), e.keyEnv(), concurrency));
            });
            return providers;
        }

        private ModelDef model(ModelEntry e, String id, Map<String, ProviderDef> providers, PollCadence defaultPoll) {
            String where = "model '" + id + "'";
            int before = problems.size();

            ProviderDef provider = null;
            if (e.provider() == null) {
                problem(where + ", key provider", "is missing (one of " + String.join(", ", providers.keySet()) + ")");
            } else {
                provider = providers.get(e.provider());
                if (provider == null) {
                    problem(where + ", key provider", "'" + e.provider() + "' is not under providers: (known: "
                            + String.join(", ", providers.keySet()) + ")");
                }
            }

            List<String> operations = operations(e.operations(), where);
            Map<String, String> endpoints = endpoints(e, operations, where);
            Map<String, ParameterRule> parameters = parameters(e.parameters(), where);
            ModelOutput output = e.output() == null ? ModelOutput.UNSPECIFIED : e.output();
            if (output.aspect() != null && !output.aspectFromImage()) {
                problem(where + ", key output.aspect", "'" + output.aspect() + "' is not understood: the only value is "
                        + ModelOutput.FROM_IMAGE);
            }
            List<PriceRule> pricing = pricing(e.pricing(), operations, parameters, where);
            PollCadence poll = poll(e.poll(), defaultPoll, where, where + ", key poll");
            Capabilities capabilities = e.capabilities() == null ? Capabilities.NONE : e.capabilities();
            if (capabilities.maxDurationSeconds() != null && capabilities.maxDurationSeconds() <= 0) {
                problem(where + ", key capabilities.max_duration_seconds", "must be more than 0");
            }
            RequestMapping request = request(e.request(), provider, operations, parameters, capabilities, where);

            if (problems.size() > before) {
                return null;
            }
            return new ModelDef(id, e.description(), provider, operations, endpoints, parameters, output, pricing,
                    poll, capabilities, request, e.auto() == null || e.auto());
        }

        private List<String> operations(List<String> listed, String where) {
            if (listed == null || listed.isEmpty()) {
                problem(where + ", key operations", "is missing (any of " + String.join(", ", Operation.ids()) + ")");
                return List.of();
            }
            List<String> operations = new ArrayList<>();
            for (String op : listed) {
                Optional<Operation> known = Operation.fromId(op);
                if (known.isEmpty()) {
                    problem(where + ", key operations", "'" + op + "' is not an operation (known: "
                            + String.join(", ", Operation.ids()) + ")");
                } else if (!operations.contains(known.get().id())) {
                    operations.add(known.get().id());
                }
            }
            return List.copyOf(operations);
        }

        private Map<String, String> endpoints(ModelEntry e, List<String> operations, String where) {
            Map<String, String> endpoints = new LinkedHashMap<>();
            if (e.endpoint() != null && e.endpoints() != null) {
                problem(where, "has both endpoint and endpoints: use endpoint for one id, endpoints for one per operation");
            } else if (e.endpoint() != null) {
                if (e.endpoint().isBlank()) {
                    problem(where + ", key endpoint", "is empty");
                }
                operations.forEach(op -> endpoints.put(op, e.endpoint().trim()));
            } else if (e.endpoints() != null) {
                e.endpoints().forEach((op, endpoint) -> {
                    if (!operations.contains(op)) {
                        problem(where + ", key endpoints." + op, "is not one of the model's operations " + operations);
                    } else if (endpoint == null || endpoint.isBlank()) {
                        problem(where + ", key endpoints." + op, "is empty");
                    } else {
                        endpoints.put(op, endpoint.trim());
                    }
                });
                operations.stream().filter(op -> !e.endpoints().containsKey(op)).forEach(op ->
                        problem(where + ", key endpoints", "has no endpoint for operation " + op));
            } else {
                problem(where, "has no endpoint: give the provider's model id as endpoint (or endpoints per operation)");
            }
            return endpoints;
        }

        private Map<String, ParameterRule> parameters(Map<String, ParameterRule> listed, String where) {
            Map<String, ParameterRule> parameters = new LinkedHashMap<>();
            if (listed == null) {
                return parameters;
            }
            listed.forEach((name, rule) -> {
                String key = where + ", key parameters." + name;
                Optional<SpecParameter> parameter = SpecParameter.fromId(name);
                if (parameter.isEmpty()) {
                    String hint = SpecParameter.ALWAYS_ALLOWED.contains(name) ? "every model takes it; do not list it"
                            : "not a spec field that varies by model (known: " + String.join(", ", SpecParameter.ids()) + ")";
                    problem(key, hint);
                    return;
                }
                ParameterRule checked = parameterRule(parameter.get(), rule == null ? ParameterRule.ANY : rule, key);
                if (checked != null) {
                    parameters.put(name, checked);
                }
            });
            return parameters;
        }

        /** Checks a rule against its field's kind and returns it with numbers as BigDecimal and values in catalog spelling. */
        private ParameterRule parameterRule(SpecParameter parameter, ParameterRule rule, String key) {
            SpecParameter.Kind kind = parameter.kind();
            boolean hasRange = rule.min() != null || rule.max() != null;
            List<Object> values = rule.values();
            switch (kind) {
                case NUMBER, WHOLE_NUMBER -> {
                    if (values != null && hasRange) {
                        problem(key, "give values or min/max, not both");
                        return null;
                    }
                    if (values != null) {
                        List<Object> numbers = new ArrayList<>();
                        for (Object v : values) {
                            if (!(v instanceof Number)) {
                                problem(key + ".values", "'" + v + "' is not a number");
                                return null;
                            }
                            numbers.add(Values.decimal(v));
                        }
                        values = List.copyOf(numbers);
                    }
                    if (rule.min() != null && rule.max() != null && rule.min().compareTo(rule.max()) > 0) {
                        problem(key, "min " + Values.show(rule.min()) + " is above max " + Values.show(rule.max()));
                        return null;
                    }
                    if (parameter == SpecParameter.GUIDANCE_SCALE) {
                        // CONTRACT 3: guidance_scale is 0.0-1.0 wherever a model has it.
                        boolean outside = (rule.min() != null && rule.min().signum() < 0)
                                || (rule.max() != null && rule.max().compareTo(BigDecimal.ONE) > 0)
                                || (values != null && values.stream().map(Values::decimal)
                                .anyMatch(v -> v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0));
                        if (outside) {
                            problem(key, "guidance_scale is 0-1 (CONTRACT section 3)");
                            return null;
                        }
                        if (values == null && !hasRange) {
                            rule = new ParameterRule(null, BigDecimal.ZERO, BigDecimal.ONE, rule.defaultValue());
                        }
                    }
                }
                case CHOICE, ASPECT -> {
                    if (hasRange) {
                        problem(key, "takes values, not min/max");
                        return null;
                    }
                    if (values == null || values.isEmpty()) {
                        problem(key + ".values", "list the values the model accepts");
                        return null;
                    }
                    List<Object> texts = new ArrayList<>();
                    for (Object v : values) {
                        String text = v == null ? "" : v.toString().trim();
                        if (kind == SpecParameter.Kind.ASPECT && AspectRatio.value(text).isEmpty()) {
                            problem(key + ".values", "'" + v + "' is not a W:H ratio (write it in quotes, e.g. \"16:9\")");
                            return null;
                        }
                        texts.add(kind == SpecParameter.Kind.ASPECT ? AspectRatio.normalize(text) : text);
                    }
                    values = List.copyOf(texts);
                }
                case TEXT, FLAG, INPUT -> {
                    if (values != null || hasRange) {
                        problem(key, "takes no values or range: any " + (kind == SpecParameter.Kind.FLAG ? "true/false"
                                : kind == SpecParameter.Kind.INPUT ? "file" : "text") + " is passed on");
                        return null;
                    }
                }
            }
            ParameterRule shaped = new ParameterRule(values, rule.min(), rule.max(), null);
            Object defaultValue = rule.defaultValue();
            if (defaultValue == null) {
                return shaped;
            }
            if (!defaultFits(kind, defaultValue)) {
                problem(key + ".default", "'" + defaultValue + "' is not " + kindWords(kind));
                return null;
            }
            Optional<Object> accepted = shaped.accept(parameter.canonical(defaultValue));
            if (accepted.isEmpty()) {
                problem(key + ".default", Values.show(defaultValue) + " is not allowed by the rule itself ("
                        + shaped.describe(parameter.id()) + ")");
                return null;
            }
            return new ParameterRule(values, rule.min(), rule.max(), accepted.get());
        }

        private static boolean defaultFits(SpecParameter.Kind kind, Object value) {
            return switch (kind) {
                case NUMBER -> value instanceof Number;
                case WHOLE_NUMBER -> value instanceof Number n && Values.decimal(n).stripTrailingZeros().scale() <= 0;
                case CHOICE, ASPECT, TEXT -> value instanceof String;
                case FLAG -> value instanceof Boolean;
                case INPUT -> false;
            };
        }

        private static String kindWords(SpecParameter.Kind kind) {
            return switch (kind) {
                case NUMBER -> "a number";
                case WHOLE_NUMBER -> "a whole number";
                case CHOICE, ASPECT, TEXT -> "text";
                case FLAG -> "true or false";
                case INPUT -> "allowed: an input file has no default";
            };
        }

        private List<PriceRule> pricing(List<PriceRule> rules, List<String> operations,
                                        Map<String, ParameterRule> parameters, String where) {
            String key = where + ", key pricing";
            if (rules == null || rules.isEmpty()) {
                problem(key, "is missing: give at least one rule (per_second: 0 for a free model)");
                return List.of();
            }
            List<PriceRule> checked = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                PriceRule rule = rules.get(i);
                String at = key + "[" + (i + 1) + "]";
                if (rule == null) {
                    problem(at, "is empty");
                    continue;
                }
                long amounts = Stream.of(rule.perSecond(), rule.perClip(), rule.perImage())
                        .filter(Objects::nonNull).count();
                if (amounts != 1) {
                    problem(at, "give exactly one of per_second, per_clip, per_image");
                    continue;
                }
                BigDecimal amount = rule.perSecond() != null ? rule.perSecond()
                        : rule.perClip() != null ? rule.perClip() : rule.perImage();
                if (amount.signum() < 0) {
                    problem(at, "a price cannot be negative");
                }
                if (rule.minSeconds() != null && (rule.perSecond() == null || rule.minSeconds().signum() < 0)) {
                    problem(at + ".min_seconds", "only a per_second rule has a minimum, and it cannot be negative");
                }
                Map<String, Object> when = new LinkedHashMap<>();
                rule.when().forEach((name, value) -> {
                    String condition = at + ".when." + name;
                    if ("operation".equals(name)) {
                        if (!operations.contains(String.valueOf(value))) {
                            problem(condition, "'" + value + "' is not one of the model's operations " + operations);
                        }
                        when.put(name, value);
                        return;
                    }
                    ParameterRule parameterRule = parameters.get(name);
                    Optional<SpecParameter> parameter = SpecParameter.fromId(name);
                    if (parameterRule == null || parameter.isEmpty()) {
                        problem(condition, "the model does not take " + name + " (it takes "
                                + (parameters.isEmpty() ? "nothing" : String.join(", ", parameters.keySet())) + ")");
                        return;
                    }
                    Optional<Object> accepted = parameterRule.accept(parameter.get().canonical(value));
                    if (accepted.isEmpty()) {
                        problem(condition, Values.show(value) + " is not a value the model takes ("
                                + parameterRule.describe(name) + ")");
                        return;
                    }
                    when.put(name, accepted.get());
                });
                checked.add(new PriceRule(when, rule.perSecond(), rule.perClip(), rule.perImage(), rule.minSeconds()));
            }
            checkEveryCaseIsPriced(checked, operations, parameters, key);
            return List.copyOf(checked);
        }

        /**
         * Walks every combination of the values the price conditions look at (listed values, true/false,
         * "not set" where there is no default) and reports the first one no rule prices: a price list with a
         * hole would otherwise surface as a failed job, long after start-up.
         */
        private void checkEveryCaseIsPriced(List<PriceRule> rules, List<String> operations,
                                            Map<String, ParameterRule> parameters, String key) {
            Set<String> names = new LinkedHashSet<>();
            rules.forEach(rule -> names.addAll(rule.when().keySet()));
            List<String> keys = new ArrayList<>(names);
            List<List<Object>> domains = new ArrayList<>();
            long combinations = 1;
            for (String name : keys) {
                List<Object> domain = new ArrayList<>();
                if ("operation".equals(name)) {
                    domain.addAll(operations);
                } else {
                    ParameterRule rule = parameters.get(name);
                    SpecParameter parameter = SpecParameter.fromId(name).orElseThrow();
                    if (rule.values() != null) {
                        domain.addAll(rule.values());
                    } else if (parameter.kind() == SpecParameter.Kind.FLAG) {
                        domain.addAll(List.of(true, false));
                    } else if (rule.defaultValue() != null) {
                        domain.add(rule.defaultValue());
                    }
                    if (rule.defaultValue() == null) {
                        domain.add(null);
                    }
                }
                domains.add(domain);
                combinations *= Math.max(1, domain.size());
            }
            if (combinations > MAX_PRICE_COMBINATIONS) {
                return;
            }
            int[] index = new int[keys.size()];
            while (true) {
                Map<String, Object> parameterValues = new LinkedHashMap<>();
                String operation = operations.isEmpty() ? null : operations.get(0);
                for (int k = 0; k < keys.size(); k++) {
                    Object value = domains.get(k).isEmpty() ? null : domains.get(k).get(index[k]);
                    if ("operation".equals(keys.get(k))) {
                        operation = (String) value;
                    } else if (value != null) {
                        parameterValues.put(keys.get(k), value);
                    }
                }
                String op = operation;
                if (rules.stream().noneMatch(rule -> rule.matches(op, parameterValues))) {
                    String job = parameterValues.isEmpty() ? "the default job" : parameterValues.entrySet().stream()
                            .map(e -> e.getKey() + " " + Values.show(e.getValue())).collect(Collectors.joining(", "));
                    problem(key, "no rule prices a job with " + job + (keys.contains("operation") ? " (" + op + ")" : "")
                            + "; add a rule without 'when' at the end as a catch-all");
                    return;
                }
                int k = keys.size() - 1;
                while (k >= 0 && ++index[k] >= domains.get(k).size()) {
                    index[k] = 0;
                    k--;
                }
                if (k < 0) {
                    return;
                }
            }
        }

        private PollCadence poll(PollCadence given, PollCadence fallback, String where, String key) {
            if (given == null) {
                return fallback;
            }
            BigDecimal interval = given.intervalSeconds() == null ? fallback.intervalSeconds() : given.intervalSeconds();
            BigDecimal timeout = given.timeoutSeconds() == null ? fallback.timeoutSeconds() : given.timeoutSeconds();
            if (interval.signum() <= 0) {
                problem(key + ".interval_seconds", "must be more than 0");
            }
            if (timeout.compareTo(interval) < 0) {
                problem(key + ".timeout_seconds", "must be at least interval_seconds (" + Values.show(interval) + ")");
            }
            return new PollCadence(interval, timeout);
        }

        private RequestMapping request(Map<String, JsonNode> listed, ProviderDef provider, List<String> operations,
                                       Map<String, ParameterRule> parameters, Capabilities capabilities, String where) {
            String key = where + ", key request";
            if (listed == null || listed.isEmpty()) {
                if (provider != null && !"local".equals(provider.id())) {
                    problem(key, "is missing: say how the provider names each field (prompt, image, "
                            + String.join(", ", parameters.keySet()) + ")");
                }
                return RequestMapping.NONE;
            }
            Map<String, FieldMapping> fields = new LinkedHashMap<>();
            Map<String, Object> constants = new LinkedHashMap<>();
            boolean talkingAvatar = operations.contains(Operation.TALKING_AVATAR.id());
            listed.forEach((name, node) -> {
                if ("constants".equals(name)) {
                    if (node == null || !node.isObject()) {
                        problem(key + ".constants", "must map provider field names to values");
                        return;
                    }
                    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> c = it.next();
                        constants.put(c.getKey(), YAML.convertValue(c.getValue(), Object.class));
                    }
                    return;
                }
                boolean known = RequestMapping.INPUT_KEYS.contains(name) || parameters.containsKey(name)
                        || ("audio".equals(name) && talkingAvatar);
                if (!known) {
                    problem(key + "." + name, SpecParameter.fromId(name).isPresent()
                            ? "the model does not take " + name + ": list it under parameters first"
                            : "not a spec field (map prompt, image, end_image, reference_1..reference_4 or one of the"
                            + " model's parameters)");
                    return;
                }
                FieldMapping mapping = fieldMapping(node, key + "." + name);
                if (mapping != null) {
                    fields.put(name, mapping);
                }
            });
            List<String> needed = new ArrayList<>(List.of("prompt"));
            boolean takesImage = operations.stream().map(Operation::fromId).flatMap(Optional::stream)
                    .anyMatch(op -> op.image() != Operation.Need.REFUSED);
            if (takesImage) {
                needed.add("image");
            }
            if (talkingAvatar) {
                needed.add("audio");
            }
            if (capabilities.firstLastFrame()) {
                needed.add("end_image");
            }
            needed.addAll(parameters.keySet());
            needed.stream().distinct().filter(n -> !fields.containsKey(n)).forEach(n ->
                    problem(key, "does not say how the provider names " + n));
            return new RequestMapping(fields, constants);
        }

        private FieldMapping fieldMapping(JsonNode node, String key) {
            if (node != null && node.isTextual() && !node.asText().isBlank()) {
                return new FieldMapping(node.asText().trim(), ValueForm.AS_IS);
            }
            if (node != null && node.isObject()) {
                JsonNode name = node.get("name");
                JsonNode form = node.get("form");
                Iterator<String> names = node.fieldNames();
                while (names.hasNext()) {
                    String field = names.next();
                    if (!field.equals("name") && !field.equals("form")) {
                        problem(key + "." + field, "unknown key (known: name, form)");
                        return null;
                    }
                }
                if (name == null || !name.isTextual() || name.asText().isBlank()) {
                    problem(key + ".name", "is missing: the provider's field name");
                    return null;
                }
                ValueForm valueForm = ValueForm.AS_IS;
                if (form != null) {
                    Optional<ValueForm> known = ValueForm.fromId(form.asText());
                    if (known.isEmpty()) {
                        problem(key + ".form", "'" + form.asText() + "' is not a value form (known: "
                                + String.join(", ", ValueForm.ids()) + ")");
                        return null;
                    }
                    valueForm = known.get();
                }
                return new FieldMapping(name.asText().trim(), valueForm);
            }
            problem(key, "give the provider's field name, or { name: ..., form: ... }");
            return null;
        }
    }

    /** "model 'wan-2.5', key parameters.duration.values" from Jackson's path into the file. */
    private static String where(JsonMappingException e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e.getPath();
        StringBuilder key = new StringBuilder();
        String owner = null;
        for (int i = 0; i < path.size(); i++) {
            JsonMappingException.Reference ref = path.get(i);
            if (i == 1 && owner == null && "models".equals(path.get(0).getFieldName()) && ref.getIndex() >= 0) {
                JsonNode id = tree.path("models").path(ref.getIndex()).path("id");
                owner = "model '" + (id.isTextual() ? id.asText() : "#" + (ref.getIndex() + 1)) + "'";
                key.setLength(0);
                continue;
            }
            if (ref.getFieldName() != null) {
                if (!key.isEmpty()) {
                    key.append('.');
                }
                key.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex() + 1).append(']');
            }
        }
        if (owner == null) {
            return key.isEmpty() ? "the top level" : "key " + key;
        }
        return key.isEmpty() ? owner : owner + ", key " + key;
    }

    private static String bindingReason(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(Object::toString).sorted().toList();
            return "unknown key" + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")");
        }
        if (e instanceof InvalidFormatException invalid) {
            return "'" + invalid.getValue() + "' is not " + TypeWords.of(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch) {
            return "the wrong kind of value: expected " + TypeWords.of(mismatch.getTargetType());
        }
        return firstLine(e.getOriginalMessage());
    }


    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }
}
