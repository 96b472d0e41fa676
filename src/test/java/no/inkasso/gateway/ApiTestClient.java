package no.inkasso.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import no.inkasso.gateway.api.ApiJson;

/** Calls the running gateway over HTTP like a client would; every /api answer is checked against the OpenAPI document. */
public final class ApiTestClient {

    private static final OpenApiInteractionValidator OPENAPI = OpenApiInteractionValidator
            .createForSpecificationUrl(Path.of("schemas/openapi/inkasso-gateway-v1.yaml").toUri().toString()).build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiTestClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> post(String path, String key, String contentType, String body, String correlationId) throws Exception {
        HttpRequest.Builder request = request(path, key).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (correlationId != null) {
            request.header("X-Correlation-Id", correlationId);
        }
        return checked(path, Request.Method.POST, http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** A POST without a body (e.g. an action on a resource). */
    public HttpResponse<String> post(String path, String key) throws Exception {
        return checked(path, Request.Method.POST,
                http.send(request(path, key).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
    }

    public HttpResponse<String> get(String path, String key) throws Exception {
        return checked(path, Request.Method.GET, http.send(request(path, key).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    public HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        return builder;
    }

    public HttpClient http() {
        return http;
    }

    public static HttpResponse<String> checked(String path, Request.Method method, HttpResponse<String> response) {
        if (path.startsWith("/api/")) {
            String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            SimpleResponse.Builder simple = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
            response.headers().firstValue("Content-Type").ifPresent(simple::withContentType);
            ValidationReport report = OPENAPI.validateResponse(bare, method, simple.build());
            assertThat(report.getMessages()).as("OpenAPI check of %s %s -> %s", method, bare, response.statusCode()).isEmpty();
        }
        return response;
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return ApiJson.mapper().readTree(response.body());
    }
}
