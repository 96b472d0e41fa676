package no.inkasso.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * bodies over the configured size before anything reads them. Only health and static pages are open;
 * {@code /api/v1/ops} and the actuator are for operations clients.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiGuardFilter extends OncePerRequestFilter {

    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern SIGNED_WEBHOOK = Pattern.compile("/api/v1/agencies/[A-Za-z0-9-]{1,64}/events");

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
            if (SIGNED_WEBHOOK.matcher(path).matches()) {
                // agencies authenticate each body with its HMAC signature (returnpath.WebhookSignature), not a key
                if (request.getContentLengthLong() > maxBodyBytes) {
                    ProblemWriter.write(response, Problem.of(ProblemType.BODY_TOO_LARGE, "The body has " + request.getContentLengthLong()
                            + " bytes; at most " + maxBodyBytes + " are accepted. Split the batch."), correlationId, path);
                    return;
                }
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
            if (isOperationsApi(path) && client.get().role() != Role.OPERATIONS) {
                ProblemWriter.write(response, Problem.of(ProblemType.FORBIDDEN,
                        "Only operations clients may use the operations API."), correlationId, path);
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
            HttpServletRequest guarded = request;
            if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
                byte[] body = readUpTo(request, maxBodyBytes);
                if (body == null) {
                    ProblemWriter.write(response, Problem.of(ProblemType.BODY_TOO_LARGE,
                            "The body is larger than " + maxBodyBytes + " bytes. Split the batch."), correlationId, path);
                    return;
                }
                guarded = new BufferedBodyRequest(request, body);
            }
            chain.doFilter(guarded, response);
        } finally {
            MDC.remove(RequestContext.MDC_CORRELATION_ID);
            MDC.remove(RequestContext.MDC_CLIENT);
        }
    }

    private static boolean isOperationsApi(String path) {
        return path.equals("/api/v1/ops") || path.startsWith("/api/v1/ops/");
    }

    /** Health and everything outside /api and /actuator: the /ops dashboard's static page asks for its key itself. */
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

    /**
     * Reads a body sent without a declared length (chunked) up to the limit, so an oversize body
     * is refused here with 413 instead of failing half-way through a route.
     */
    private static byte[] readUpTo(HttpServletRequest request, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                body.write(buffer, 0, n);
                if (body.size() > limit) {
                    return null;
                }
            }
        }
        return body.toByteArray();
    }

    /** The request with its already-read body. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] buf, int off, int len) {
                    return in.read(buf, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
