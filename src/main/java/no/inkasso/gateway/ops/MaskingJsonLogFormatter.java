package no.inkasso.gateway.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * One JSON object per log line, with the MDC (correlationId, caseId, client) as fields and every
 * national id or account-like number masked, so personal ids never reach the logs.
 */
public class MaskingJsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        line.put("message", PersonalDataMask.mask(event.getFormattedMessage()));
        event.getMDCPropertyMap().forEach((key, value) -> line.putIfAbsent(key, PersonalDataMask.mask(value)));
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) {
            line.put("error", PersonalDataMask.mask(ThrowableProxyUtil.asString(thrown)));
        }
        try {
            return JSON.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"message\":\"log line could not be written as JSON\"}\n";
        }
    }
}
