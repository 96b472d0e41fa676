package no.inkasso.gateway.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The latest failures, newest first, for operations: every WARN and ERROR line the gateway logs (a
 * route's failed exchange, a consumer that rolled back, an agency or SFTP source that cannot be
 * reached), with its route, case, correlation id and reason, masked as the log is. Kept in memory
 * since start (the last {@value #CAPACITY}); the log itself is the full record.
 */
@Component
public class RecentFailures {

    static final int CAPACITY = 500;
    /** Camel puts the route of the exchange being logged in the MDC (camel.main.use-mdc-logging). */
    static final String MDC_ROUTE_ID = "camel.routeId";

    public record Failure(Instant at, String level, String logger, String routeId, String caseId, String correlationId,
                          String message, String error) {
    }

    private final Deque<Failure> failures = new ArrayDeque<>();
    private final Appender appender = new Appender();
    private final Logger root;

    public RecentFailures() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(context);
        appender.setName("gateway-recent-failures-" + System.identityHashCode(this));
        appender.start();
        root.addAppender(appender);
    }

    @PreDestroy
    void detach() {
        root.detachAppender(appender);
        appender.stop();
    }

    /** The latest {@code limit} failures, newest first. */
    public List<Failure> latest(int limit) {
        synchronized (failures) {
            List<Failure> latest = new ArrayList<>(Math.min(limit, failures.size()));
            for (Failure failure : failures) {
                if (latest.size() == limit) {
                    break;
                }
                latest.add(failure);
            }
            return latest;
        }
    }

    void record(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        IThrowableProxy thrown = event.getThrowableProxy();
        String error = null;
        if (thrown != null) {
            IThrowableProxy root = thrown;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            error = PersonalDataMask.mask(root.getClassName() + (root.getMessage() == null ? "" : ": " + root.getMessage()));
        }
        Failure failure = new Failure(Instant.ofEpochMilli(event.getTimeStamp()), event.getLevel().toString(), event.getLoggerName(),
                mdc.get(MDC_ROUTE_ID), PersonalDataMask.mask(mdc.get("caseId")), PersonalDataMask.mask(mdc.get("correlationId")),
                shortened(PersonalDataMask.mask(event.getFormattedMessage())), shortened(error));
        synchronized (failures) {
            failures.addFirst(failure);
            if (failures.size() > CAPACITY) {
                failures.removeLast();
            }
        }
    }

    /** A line can carry a whole message body; what operations need to see is its start. */
    static final int MAX_TEXT = 2_000;

    private static String shortened(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "… (" + text.length() + " chars)";
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                record(event);
            }
        }
    }
}
