package no.inkasso.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import no.inkasso.gateway.GatewayProperties;
import no.inkasso.gateway.security.ClientRegistry;
import no.inkasso.gateway.security.GatewayClient;
import no.inkasso.gateway.security.Role;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The edge of every request: assigns the correlation id, authenticates the client, and refuses
 * bodies over the configured size before anything reads them. Only health is open.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiGuardFilter extends OncePerRequestFilter {

    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ClientRegistry clients;
    private final long maxBodyBytes;

    public ApiGuardFilter(ClientRegistry clients, GatewayProperties properties) {
        this.clients = clients;
        this.maxBodyBytes = properties.api().maxBodyBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String correlationId = correlationId(request);
        request.setAttribute(RequestContext.CORRELATION_ID_ATTRIBUTE, correlationId);
        response.setHeader(RequestContext.CORRELATION_ID_HEADER, correlationId);
        MDC.put(RequestContext.MDC_CORRELATION_ID, correlationId);
        try {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (isOpen(path)) {
                chain.doFilter(request, response);
                return;
            }
            Optional<GatewayClient> client = clients.authenticate(presentedKey(request));
            if (client.isEmpty()) {
                response.setHeader("WWW-Authenticate", "Bearer realm=\"inkasso-gateway\"");
                ProblemWriter.write(response, Problem.of(ProblemType.UNAUTHENTICATED,
                        "Send your API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'."), correlationId, path);
                return;
            }
            if (path.startsWith("/actuator/") && client.get().role() != Role.OPERATIONS) {
                ProblemWriter.write(response, Problem.of(ProblemType.FORBIDDEN,
                        "Only operations clients may read the actuator endpoints."), correlationId, path);
                return;
            }
            long declared = request.getContentLengthLong();
            if (declared > maxBodyBytes) {
                ProblemWriter.write(response, Problem.of(ProblemType.BODY_TOO_LARGE,
                        "The body has " + declared + " bytes; at most " + maxBodyBytes + " are accepted. Split the batch."), correlationId, path);
                return;
            }
            request.setAttribute(RequestContext.CLIENT_ATTRIBUTE, client.get());
            MDC.put(RequestContext.MDC_CLIENT, client.get().id());
            HttpServletRequest guarded = declared < 0 ? new LimitedBodyRequest(request, maxBodyBytes) : request;
            chain.doFilter(guarded, response);
        } finally {
            MDC.remove(RequestContext.MDC_CORRELATION_ID);
            MDC.remove(RequestContext.MDC_CLIENT);
        }
    }

    private static boolean isOpen(String path) {
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/")
                || !(path.startsWith("/api/") || path.startsWith("/actuator"));
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return request.getHeader("X-API-Key");
    }

    private static String correlationId(HttpServletRequest request) {
        String given = request.getHeader(RequestContext.CORRELATION_ID_HEADER);
        if (given != null && CORRELATION_ID.matcher(given).matches()) {
            return given;
        }
        return UUID.randomUUID().toString();
    }

    /** A request without a declared length whose body stops being readable past the limit. */
    private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
        private final long limit;

        LimitedBodyRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream in = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int b = in.read();
                    if (b >= 0) {
                        count(1);
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = in.read(buf, off, len);
                    if (n > 0) {
                        count(n);
                    }
                    return n;
                }

                private void count(int n) throws BodyTooLargeException {
                    read += n;
                    if (read > limit) {
                        throw new BodyTooLargeException(limit);
                    }
                }

                @Override
                public boolean isFinished() {
                    return in.isFinished();
                }

                @Override
                public boolean isReady() {
                    return in.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    in.setReadListener(listener);
                }
            };
        }
    }
}
