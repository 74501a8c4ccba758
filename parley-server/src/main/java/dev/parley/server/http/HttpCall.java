package dev.parley.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.core.model.DeviceIdentity;
import dev.parley.protocol.ErrorCode;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as the API handlers see it: copied out of Netty's buffers so it can be handled on a
 * virtual thread. {@code pathParams} are the {@code {name}} parts of the matched route.
 */
public record HttpCall(HttpMethod method, String path, Map<String, List<String>> query, HttpHeaders headers,
                       byte[] body, String remoteAddress, Map<String, String> pathParams, DeviceIdentity caller) {

    public HttpCall withRoute(Map<String, String> params, DeviceIdentity identity) {
        return new HttpCall(method, path, query, headers, body, remoteAddress, params, identity);
    }

    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The bearer token of the Authorization header, or null. */
    public String bearerToken() {
        String auth = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return auth.substring(7).trim();
    }

    /** The body as a JSON object; 400 invalid/malformed otherwise. */
    public JsonNode json(ObjectMapper mapper) {
        if (body.length == 0) {
            throw new HttpError(ErrorCode.MALFORMED_JSON, "request body must be a JSON object, got an empty body");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !node.isObject()) {
                throw new HttpError(ErrorCode.MALFORMED_JSON, "request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new HttpError(ErrorCode.MALFORMED_JSON, "request body is not valid JSON");
        }
    }

    public long longParam(String name) {
        String v = pathParams.get(name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new HttpError(ErrorCode.INVALID_FRAME, "path parameter '" + name + "' must be an integer, got '" + v + "'");
        }
    }

    /** A string field of a JSON body: null when absent, 400 when present with another type. */
    public static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new HttpError(ErrorCode.INVALID_FRAME, "field '" + field + "' must be a string");
        }
        return v.asText();
    }

    public static Boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new HttpError(ErrorCode.INVALID_FRAME, "field '" + field + "' must be a boolean");
        }
        return v.asBoolean();
    }
}
