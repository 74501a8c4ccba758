package dev.parley.server;

import java.io.File;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar parley-server.jar [--config FILE]}: starts Parley on its embedded default and stops it
 * cleanly on SIGTERM / Ctrl-C. The config file may also be given as {@code PARLEY_CONFIG}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        File configFile = configFile(args);
        ServerConfig config;
        try {
            config = ServerConfig.load(configFile, Map.of());
        } catch (IllegalArgumentException e) {
            System.err.println("parley: " + e.getMessage());
            System.exit(2);
            return;
        }
        ParleyServer server = ParleyServer.start(config, Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        stopped.await();
    }

    private static File configFile(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--config")) {
                return new File(args[i + 1]);
            }
        }
        String env = System.getenv("PARLEY_CONFIG");
        return env == null || env.isBlank() ? null : new File(env);
    }
}
