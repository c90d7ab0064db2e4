package io.reelroute.simulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** One provider's HTTP protocol, as a handler mounted on the {@link SimulatorServer} under {@link #prefix}. */
public interface ProviderProtocol {

    /** The catalog provider id (wavespeed, fal, kie, gemini): counters and faults are kept under it. */
    String provider();

    /** Path prefix the protocol is mounted under; the provider's base URL is server base + prefix (+ its path). */
    String prefix();

    /** Answers one request; must call {@link SimulatorServer#arrive} once per counted call. */
    void handle(SimulatorServer server, HttpExchange exchange, SimulatorServer.Recorded request) throws IOException;
}
