package io.reelroute.bench;

import io.reelroute.Application;
import java.util.Map;
import org.apache.camel.main.Main;

/** The real service (config/ and routes/) started in the benchmark's own JVM, with some settings overridden. */
final class InProcessService implements AutoCloseable {
    private final Main main = new Main(Application.class);
    private final Thread thread;

    InProcessService(Map<String, String> overrides) throws InterruptedException {
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        overrides.forEach(main::addOverrideProperty);
        thread = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "service");
        thread.start();
        while (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
            Thread.sleep(50);
        }
    }

    <T> T bean(String name, Class<T> type) {
        return main.getCamelContext().getRegistry().lookupByNameAndType(name, type);
    }

    @Override
    public void close() throws InterruptedException {
        main.completed();
        thread.join();
    }
}
