package no.inkasso.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Answers an API request whose route failed: a body that grew too large gets 413, anything else
 * is logged with its correlation id and answered 500 without internals.
 */
@Component("failureReplyWriter")
public class FailureReplyWriter implements Processor {

    private static final Logger log = LoggerFactory.getLogger(FailureReplyWriter.class);

    @Override
    public void process(Exchange exchange) throws JsonProcessingException {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        BodyTooLargeException tooLarge = causeOfType(failure, BodyTooLargeException.class);
        Problem problem;
        if (tooLarge != null) {
            problem = Problem.of(ProblemType.BODY_TOO_LARGE, "The body is larger than " + tooLarge.limit() + " bytes. Split the batch.");
        } else {
            log.error("API request failed", failure);
            problem = Problem.of(ProblemType.INTERNAL, "The request may not have been stored. Retrying is safe: claims are idempotent. Quote the correlation id if it persists.");
        }
        ApiReplyWriter.write(exchange, ApiReply.problem(problem));
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
