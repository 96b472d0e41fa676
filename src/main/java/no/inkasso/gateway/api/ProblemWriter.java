package no.inkasso.gateway.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes a problem straight to a servlet response, for answers given before any route runs. */
final class ProblemWriter {

    private ProblemWriter() {}

    static void write(HttpServletResponse response, Problem problem, String correlationId, String path) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        ApiJson.mapper().writeValue(response.getOutputStream(), problem.withCorrelationId(correlationId).withInstance(path));
    }
}
