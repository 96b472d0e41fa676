package no.inkasso.gateway.api;

import jakarta.servlet.http.HttpServletRequest;
import no.inkasso.gateway.security.GatewayClient;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * First step of every API route: carries the client and correlation id that {@link ApiGuardFilter}
 * established from the servlet request into exchange properties, which a caller cannot set
 * (unlike headers, which query parameters can).
 */
@Component("callerBinder")
public class CallerBinder implements Processor {

    public static final String CLIENT = "gatewayClient";
    public static final String CORRELATION_ID = "correlationId";
    public static final String PATH = "requestPath";

    @Override
    public void process(Exchange exchange) {
        PlatformHttpMessage message = exchange.getIn(PlatformHttpMessage.class);
        if (message == null || message.getRequest() == null) {
            throw new IllegalStateException("API routes must be reached through platform-http");
        }
        HttpServletRequest request = message.getRequest();
        Object client = request.getAttribute(RequestContext.CLIENT_ATTRIBUTE);
        if (!(client instanceof GatewayClient gatewayClient)) {
            throw new IllegalStateException("request reached an API route without an authenticated client");
        }
        String correlationId = (String) request.getAttribute(RequestContext.CORRELATION_ID_ATTRIBUTE);
        exchange.setProperty(CLIENT, gatewayClient);
        exchange.setProperty(CORRELATION_ID, correlationId);
        exchange.setProperty(PATH, request.getRequestURI());
        MDC.put(RequestContext.MDC_CORRELATION_ID, correlationId);
        MDC.put(RequestContext.MDC_CLIENT, gatewayClient.id());
    }
}
