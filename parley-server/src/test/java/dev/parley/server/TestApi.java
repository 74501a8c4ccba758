package dev.parley.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/** Raw HTTP calls for tests: every response as status + JSON, nothing hidden. */
public final class TestApi {
    /** A logged-in test user. */
    public record Account(long userId, long deviceId, String token, String username) {
    }

    public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        public String errorCode() {
            return body.path("error").path("code").asText(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final URI base;

    public TestApi(URI base) {
        this.base = base;
    }

    public Response call(String method, String path, String token, Object body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Response(r.statusCode(), node, r.headers());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a fresh user with a unique username and logs in one device. */
    public Account newUser(String prefix) {
        String username = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Response reg = call("POST", "/v1/accounts", null,
                Map.of("username", username, "password", "correct horse battery", "displayName", prefix));
        if (reg.status() != 201) {
            throw new IllegalStateException("register failed: " + reg);
        }
        return login(username, "device-1");
    }

    public Account login(String username, String deviceName) {
        Response r = call("POST", "/v1/sessions", null,
                Map.of("login", username, "password", "correct horse battery", "deviceName", deviceName));
        if (r.status() != 201) {
            throw new IllegalStateException("login failed: " + r);
        }
        return new Account(r.body().get("userId").asLong(), r.body().get("deviceId").asLong(),
                r.body().get("token").asText(), username);
    }
}
