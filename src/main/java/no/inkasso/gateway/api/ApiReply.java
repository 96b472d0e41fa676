package no.inkasso.gateway.api;

import java.util.Map;

/**
 * What an API operation answers: a status, a body (an object written as JSON, or raw bytes) and
 * extra headers. Operations return it; {@link ApiReplyWriter} turns it into the HTTP response.
 */
public record ApiReply(int status, String contentType, Object body, Map<String, String> headers) {

    public static ApiReply json(int status, Object body) {
        return new ApiReply(status, "application/json", body, Map.of());
    }

    public static ApiReply problem(Problem problem) {
        return new ApiReply(problem.status(), Problem.MEDIA_TYPE, problem, Map.of());
    }

    public static ApiReply bytes(String contentType, byte[] body) {
        return new ApiReply(200, contentType, body, Map.of());
    }

    public ApiReply withHeader(String name, String value) {
        var copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiReply(status, contentType, body, Map.copyOf(copy));
    }
}
