package no.inkasso.gateway.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers what no route handled (an unknown path, a method a path does not take) as RFC 7807
 * problem+json, like every other error of the API, instead of the servlet container's error page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<Problem> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problem problem = switch (status) {
            case 404 -> Problem.of(ProblemType.NOT_FOUND, "No such resource; see schemas/openapi/inkasso-gateway-v1.yaml.");
            case 405 -> Problem.of(ProblemType.METHOD_NOT_ALLOWED, "This path does not take " + request.getMethod() + ".");
            default -> status >= 500
                    ? Problem.of(ProblemType.INTERNAL, "The request failed; quote the correlation id if it persists.")
                    : new Problem("about:blank", "HTTP " + status, status, null, null, null, null, null, null, java.util.List.of());
        };
        Object correlationId = request.getAttribute(RequestContext.CORRELATION_ID_ATTRIBUTE);
        problem = problem.withCorrelationId(correlationId == null ? null : correlationId.toString())
                .withInstance(path == null ? null : path.toString());
        return ResponseEntity.status(problem.status()).contentType(MediaType.valueOf(Problem.MEDIA_TYPE)).body(problem);
    }
}
