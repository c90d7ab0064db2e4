package io.reelroute.catalog;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model of the catalog, as loaded from models.yaml and checked.
 *
 * @param id           catalog id users write in {@code model:} ({@code wan-2.5})
 * @param description  one line for GET /api/models
 * @param providerAccount the provider account it runs on (name, key variable, concurrency cap); {@link #provider()}
 *                     is its id
 * @param operations   operation ids it supports, in catalog order
 * @param endpoints    operation id to the provider's model / endpoint id
 * @param parameters   the optional spec fields it takes, by field name, in catalog order
 * @param output       what it makes when the spec cannot choose (fixed resolution, frame from the image)
 * @param pricing      ordered price rules, first match wins
 * @param poll         status-call interval and overall timeout
 * @param capabilities first-and-last frame, longest output, upload needs, synchronous
 * @param request      provider field names and value forms ({@link RequestMapping#NONE} for local)
 * @param auto         whether {@code model: auto} may choose it
 */
public record ModelDef(
        String id,
        String description,
        @JsonProperty("provider_account") ProviderDef providerAccount,
        List<String> operations,
        Map<String, String> endpoints,
        Map<String, ParameterRule> parameters,
        ModelOutput output,
        List<PriceRule> pricing,
        PollCadence poll,
        Capabilities capabilities,
        RequestMapping request,
        boolean auto) {

    public ModelDef {
        // shared by every route thread: nothing in it may change after loading
        operations = List.copyOf(operations);
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        pricing = List.copyOf(pricing);
    }

    /** The provider id ({@code wavespeed}), as written in result files and the usage log. */
    @JsonProperty("provider")
    public String provider() {
        return providerAccount.id();
    }

    public boolean supports(String operation) {
        return operations.contains(operation);
    }

    public boolean supports(Operation operation) {
        return supports(operation.id());
    }

    /** The provider's id for this operation ({@code sora-2-text-to-video}); empty if unsupported. */
    public Optional<String> endpointFor(String operation) {
        return Optional.ofNullable(endpoints.get(operation));
    }

    public boolean takes(String specField) {
        return parameters.containsKey(specField);
    }

    public Optional<ParameterRule> rule(String specField) {
        return Optional.ofNullable(parameters.get(specField));
    }

    /**
     * The longest output in seconds: the largest allowed {@code duration}, else the capability
     * {@code max_duration_seconds}; empty for models that make no video.
     */
    public Optional<BigDecimal> longestDurationSeconds() {
        Optional<BigDecimal> fromDuration = rule(SpecParameter.DURATION.id()).flatMap(ParameterRule::largest);
        if (fromDuration.isPresent()) {
            return fromDuration;
        }
        return Optional.ofNullable(capabilities.maxDurationSeconds()).map(BigDecimal::valueOf);
    }

    /** "duration 5 or 10, negative_prompt, guidance_scale 0-1": everything optional it takes. */
    public String describeParameters() {
        if (parameters.isEmpty()) {
            return "no optional fields";
        }
        return String.join(", ", parameters.entrySet().stream()
                .map(e -> e.getValue().describe(e.getKey())).toList());
    }
}
