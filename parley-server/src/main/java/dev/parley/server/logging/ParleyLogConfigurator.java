package dev.parley.server.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The server's logging set-up in code (found by logback through {@code META-INF/services}): one line per event —
 * time, level, logger, message, then the event's key=value pairs — on standard output; Hikari, Flyway and Netty
 * only from WARN; the root level from {@code PARLEY_LOG_LEVEL} (default INFO).
 *
 * <p>Why code and not {@code logback.xml}: parsing and interpreting the XML configuration was ≈ 0.25 s of the
 * server's start (docs/benchmarks.md, B5). An operator who wants their own configuration still gets it: with
 * {@code -Dlogback.configurationFile=…} this configurator steps aside and logback reads that file.
 */
public final class ParleyLogConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0} %msg %kvp{SINGLE}%n%ex{short}";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setEncoder(encoder);
        out.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("PARLEY_LOG_LEVEL"), Level.INFO));
        root.addAppender(out);
        for (String quiet : new String[] {"com.zaxxer.hikari", "org.flywaydb", "io.netty"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
