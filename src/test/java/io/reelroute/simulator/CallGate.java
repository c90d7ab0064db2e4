package io.reelroute.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.reelroute.simulator.SimulatorServer.Op;
import java.io.IOException;

/**
 * What every simulated API does first with a call: count and record it (answering with the test's fault
 * instead, if there is one), then check the key. Calls to {@code provider} must carry {@code header} with
 * exactly {@code expected}; which header, what it must say and how the {@code refusal} reads stay each
 * provider's own.
 */
record CallGate(String provider, String header, String expected, Refusal refusal) {
    /** How the provider answers a call whose key is missing ({@code given} null) or wrong. */
    @FunctionalInterface
    interface Refusal {
        void answer(HttpExchange exchange, String given) throws IOException;
    }

    /** Counts the call as {@code op}; true when it goes on: no fault answered it and its key is right. */
    boolean admits(SimulatorServer server, HttpExchange exchange, Op op, SimulatorServer.Recorded request)
            throws IOException {
        return !faulted(server, exchange, op, request) && authorized(exchange, request);
    }

    /** Counts the call as {@code op} (no key asked); true when a fault the test put on it has answered. */
    boolean faulted(SimulatorServer server, HttpExchange exchange, Op op, SimulatorServer.Recorded request)
            throws IOException {
        return SimulatorServer.answerFault(exchange, server.arrive(provider, op, request));
    }

    /** True when the call carries the right key; else the provider's refusal has answered it. */
    boolean authorized(HttpExchange exchange, SimulatorServer.Recorded request) throws IOException {
        String given = request.header(header);
        if (expected.equals(given)) {
            return true;
        }
        refusal.answer(exchange, given);
        return false;
    }
}
