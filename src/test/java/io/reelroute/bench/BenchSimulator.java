package io.reelroute.bench;

import io.reelroute.provider.ProviderTestJobs;
import io.reelroute.simulator.SimulatorServer;
import io.reelroute.simulator.WaveSpeedProtocol;
import java.time.Duration;

/** The WaveSpeed simulator of the benchmarks, with its address and key where the service looks for them. */
final class BenchSimulator {
    private BenchSimulator() {
    }

    /** Started with generations of {@code generation}; WAVESPEED_BASE_URL and WAVESPEED_API_KEY point at it. */
    static SimulatorServer waveSpeed(Duration generation) {
        SimulatorServer simulator = SimulatorServer.start().timing(Duration.ZERO, generation)
                .video(ProviderTestJobs.video()).mount(new WaveSpeedProtocol("bench-key")).serveFiles("files");
        System.setProperty("WAVESPEED_BASE_URL", simulator.baseUrl() + WaveSpeedProtocol.PREFIX);
        System.setProperty("WAVESPEED_API_KEY", "bench-key");
        return simulator;
    }
}
