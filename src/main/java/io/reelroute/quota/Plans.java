package io.reelroute.quota;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.reelroute.error.ErrorCode;
import io.reelroute.error.ReelrouteException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** config/plans.yaml: what each plan allows, and which plan and API keys each user has (CONTRACT 7). */
public record Plans(Map<String, Plan> plans, Map<String, User> users) {

    public record Plan(
            @JsonProperty(value = "monthly_budget_usd", required = true) BigDecimal monthlyBudgetUsd,
            @JsonProperty(value = "daily_jobs", required = true) int dailyJobs,
            @JsonProperty(value = "concurrent_jobs", required = true) int concurrentJobs,
            @JsonProperty(value = "models", required = true) List<String> models) {

        public boolean allowsModel(String model) {
            return models.contains("*") || models.contains(model);
        }
    }

    public record User(
            @JsonProperty(value = "plan", required = true) String plan,
            @JsonProperty("api_keys") List<ApiKey> apiKeys) {
    }

    /** An API key, kept only as the SHA-256 hex digest of the key. */
    public record ApiKey(@JsonProperty(value = "sha256", required = true) String sha256) {
    }

    public static Plans load(Path file) {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        Plans plans;
        try {
            plans = yaml.readValue(file.toFile(), Plans.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read plans file " + file + ": " + e.getMessage(), e);
        }
        plans.users().forEach((name, user) -> {
            if (!plans.plans().containsKey(user.plan())) {
                throw new IllegalStateException("plans file " + file + ": user " + name + " has plan '" + user.plan()
                        + "', which is not one of " + plans.plans().keySet());
            }
        });
        return plans;
    }

    public Optional<User> user(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    /** The plan of a known user; an unknown user is an input error, since nobody can be billed for the job. */
    public Plan planOf(String userId) {
        User user = users.get(userId);
        if (user == null) {
            throw new ReelrouteException(ErrorCode.INVALID_INPUT, "unknown user '" + userId
                    + "': users and their plans are listed in plans.yaml (known: " + users.keySet() + ")", "user_id");
        }
        return plans.get(user.plan());
    }
}
