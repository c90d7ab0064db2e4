package io.reelroute.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Function;

/** A request body read as JSON, the two ways the simulated APIs read one, and the first problem with it. */
final class JsonBodies {
    private JsonBodies() {
    }

    /** The body when the request declares it JSON (Content-Type application/json) and it parses. */
    static Optional<JsonNode> declared(SimulatorServer.Recorded request) {
        String type = request.header("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return Optional.empty();
        }
        try {
            return Optional.of(request.json());
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** The body when it parses as a JSON object, whatever the Content-Type says. */
    static Optional<JsonNode> object(SimulatorServer.Recorded request) {
        try {
            JsonNode body = request.json();
            return body != null && body.isObject() ? Optional.of(body) : Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }

    /**
     * The first problem with a body that must be declared JSON: that it is not, or what {@code rules} find in
     * it.
     */
    static Optional<String> declaredProblem(SimulatorServer.Recorded request,
                                            Function<JsonNode, Optional<String>> rules) {
        return problem(declared(request), "the body must be JSON with Content-Type application/json", rules);
    }

    /** {@code unreadable} when there is no body, else the first problem {@code rules} find in it. */
    static Optional<String> problem(Optional<JsonNode> body, String unreadable,
                                    Function<JsonNode, Optional<String>> rules) {
        return body.isEmpty() ? Optional.of(unreadable) : rules.apply(body.get());
    }
}
