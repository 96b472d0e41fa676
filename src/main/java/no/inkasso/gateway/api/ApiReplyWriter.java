package no.inkasso.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/** Last step of every API route: writes the operation's {@link ApiReply} as the HTTP response. */
@Component("apiReplyWriter")
public class ApiReplyWriter implements Processor {

    @Override
    public void process(Exchange exchange) throws JsonProcessingException, InvalidPayloadException {
        ApiReply reply = exchange.getMessage().getMandatoryBody(ApiReply.class);
        write(exchange, reply);
    }

    static void write(Exchange exchange, ApiReply reply) throws JsonProcessingException {
        Message out = exchange.getMessage();
        Object body = reply.body();
        if (body instanceof Problem problem) {
            body = problem.withCorrelationId(exchange.getProperty(CallerBinder.CORRELATION_ID, String.class))
                    .withInstance(exchange.getProperty(CallerBinder.PATH, String.class));
        }
        // Request headers must not echo back into the response.
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        out.setHeader(Exchange.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(out::setHeader);
        out.setBody(body instanceof byte[] bytes ? bytes : ApiJson.mapper().writeValueAsBytes(body));
        MDC.remove(RequestContext.MDC_CORRELATION_ID);
        MDC.remove(RequestContext.MDC_CLIENT);
    }
}
