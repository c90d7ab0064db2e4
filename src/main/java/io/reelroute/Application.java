package io.reelroute;

import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/**
 * Starts reelroute: Camel Main with the routes of routes/ and the settings of config/application.properties,
 * both resolved from the working directory (the project root).
 */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) throws Exception {
        warnUnlessUtf8FileNames();
        // the package of this class is scanned for CamelConfiguration classes (ReelrouteConfiguration)
        Main main = new Main(Application.class);
        main.setPropertyPlaceholderLocations("file:config/application.properties");
        main.run(args);
    }

    /** Without a UTF-8 locale the JVM cannot open files named "Zoë.png"; say so once instead of failing later. */
    private static void warnUnlessUtf8FileNames() {
        String encoding = System.getProperty("sun.jnu.encoding", "");
        if (!encoding.equalsIgnoreCase("UTF-8")) {
            LoggerFactory.getLogger(Application.class).warn("file names are read as {}, so files with non-ASCII"
                    + " names cannot be opened; start reelroute under a UTF-8 locale (for example LC_ALL=C.UTF-8)",
                    encoding);
        }
    }
}
