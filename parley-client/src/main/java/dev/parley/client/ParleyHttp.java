package dev.parley.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Views;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Blocking client of Parley's HTTP JSON API: accounts, login/logout, devices, user lookup and settings; media
 * (uploads, downloads) through {@link #media()}. Thread-safe and stateless apart from the base URL; calls that need a
 * login take the token explicitly.
 *
 * <p>Every method throws {@link ParleyApiException} with the server's {@link ErrorCode} when the server
 * answers 4xx/5xx, and {@link UncheckedIOException} when the server cannot be reached or answers something
 * that is not Parley JSON.
 */
public final class ParleyHttp {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper mapper = new FrameCodec().mapper();

    /** A client of the server at {@code baseUrl} (for example {@code http://127.0.0.1:8080}), 10 s per call. */
    public ParleyHttp(URI baseUrl) {
        this(baseUrl, HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build(), DEFAULT_TIMEOUT);
    }

    /**
     * @param baseUrl the server's base URL, http or https, without the {@code /v1} part
     * @param http    the JDK HTTP client to use (shared, not closed by this class)
     * @param timeout the limit of each call
     */
    public ParleyHttp(URI baseUrl, HttpClient http, Duration timeout) {
        this.base = Endpoints.httpBase(baseUrl);
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** Creates an account ({@code POST /v1/accounts}); returns the new user. */
    public Views.User register(NewAccount account) {
        ObjectNode body = mapper.createObjectNode()
                .put("password", account.password())
                .put("displayName", account.displayName());
        putIfPresent(body, "username", account.username());
        putIfPresent(body, "phone", account.phone());
        return call("POST", "/v1/accounts", null, body, Views.User.class);
    }

    /**
     * Logs in a new device ({@code POST /v1/sessions}).
     *
     * @param login      username or E.164 phone
     * @param password   password
     * @param deviceName a name for the new device, shown in {@link #devices}
     */
    public Session login(String login, String password, String deviceName) {
        ObjectNode body = mapper.createObjectNode()
                .put("login", login).put("password", password).put("deviceName", deviceName);
        return call("POST", "/v1/sessions", null, body, Session.class);
    }

    /** Logs this device out ({@code DELETE /v1/sessions/current}): its token stops working everywhere. */
    public void logout(String token) {
        call("DELETE", "/v1/sessions/current", token, null, Void.class);
    }

    /** The user's logged-in devices ({@code GET /v1/devices}). */
    public List<Device> devices(String token) {
        return call("GET", "/v1/devices", token, null, DeviceList.class).devices();
    }

    /** Revokes one of the user's devices ({@code DELETE /v1/devices/{id}}); it is disconnected at once. */
    public void revokeDevice(String token, long deviceId) {
        call("DELETE", "/v1/devices/" + deviceId, token, null, Void.class);
    }

    /** The user with id {@code userId}; {@link ErrorCode#NOT_FOUND} when there is none. */
    public Views.User userById(String token, long userId) {
        return call("GET", "/v1/users/" + userId, token, null, Views.User.class);
    }

    /** The user with this username; {@link ErrorCode#NOT_FOUND} when there is none. */
    public Views.User userByUsername(String token, String username) {
        return call("GET", "/v1/users?username=" + encode(username), token, null, Views.User.class);
    }

    /** The user with this E.164 phone number; {@link ErrorCode#NOT_FOUND} when there is none. */
    public Views.User userByPhone(String token, String phone) {
        return call("GET", "/v1/users?phone=" + encode(phone), token, null, Views.User.class);
    }

    /** The calling user with their settings ({@code GET /v1/me}). */
    public Me me(String token) {
        return call("GET", "/v1/me", token, null, Me.class);
    }

    /**
     * Changes the calling user's settings ({@code PATCH /v1/me/settings}; null: unchanged) and returns them all.
     * Over the WebSocket: {@link ParleyClient#setPrivacy}.
     *
     * @param lastSeen "everyone", "contacts" or "nobody", or null
     * @param online   "everyone", "contacts" or "nobody", or null
     */
    public Me updateSettings(String token, Boolean readReceipts, String lastSeen, String online) {
        ObjectNode body = mapper.createObjectNode();
        if (readReceipts != null) {
            body.put("readReceipts", readReceipts);
        }
        putIfPresent(body, "lastSeen", lastSeen);
        putIfPresent(body, "online", online);
        return call("PATCH", "/v1/me/settings", token, body, Me.class);
    }

    record DeviceList(List<Device> devices) {
    }

    /** The media endpoints (uploads, downloads, thumbnails, links) with this client's server, HTTP client and timeout. */
    public ParleyMedia media() {
        return new ParleyMedia(this);
    }

    // ---- shared with ParleyMedia ----

    HttpClient client() {
        return http;
    }

    Duration timeout() {
        return timeout;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** A request to {@code path} with the bearer token (when not null); no timeout set. */
    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    /** The refusal that an error answer ({@code status} ≥ 400 with {@code body}) to {@code what} stands for. */
    ParleyApiException error(int status, String body, String what) {
        return HttpErrors.toException(mapper, status, body, what);
    }

    /** A JSON call: {@code body} (or none) sent to {@code path}, the answer read as {@code type} (Void: ignored). */
    <T> T call(String method, String path, String token, JsonNode body, Class<T> type) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build(), method + " " + uri);
        if (response.statusCode() >= 400) {
            throw error(response.statusCode(), response.body(), method + " " + path);
        }
        return type == Void.class ? null : read(response.body(), response.statusCode(), type, method + " " + path);
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the server for " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted during " + what));
        }
    }

    /** Reads a JSON answer as {@code type}; an answer that is not one is an {@link UncheckedIOException}. */
    <T> T read(String body, int status, Class<T> type, String what) {
        try {
            return mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the answer to " + what + " (HTTP " + status
                    + ") is not a " + type.getSimpleName() + " JSON object: " + e.getOriginalMessage(), e);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(Objects.requireNonNull(value, "query value"), StandardCharsets.UTF_8);
    }

    /** Maps an HTTP error answer to a {@link ParleyApiException}. */
    static final class HttpErrors {
        private HttpErrors() {
        }

        static ParleyApiException toException(ObjectMapper mapper, int status, String responseBody, String what) {
            try {
                JsonNode error = mapper.readTree(responseBody).path("error");
                if (error.path("code").isTextual()) {
                    ErrorCode code = ErrorCode.fromWire(error.path("code").asText());
                    return new ParleyApiException(code, status, error.path("message").asText(""));
                }
            } catch (JsonProcessingException | RuntimeException e) {
                // not a Parley error body (a proxy page, say): fall through
            }
            String body = responseBody == null ? "" : responseBody.strip();
            return new ParleyApiException(codeForStatus(status), status, what + " answered HTTP " + status
                    + " without a Parley error body: " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
        }

        static ErrorCode codeForStatus(int status) {
            return switch (status) {
                case 400 -> ErrorCode.INVALID_FRAME;
                case 401 -> ErrorCode.UNAUTHENTICATED;
                case 403 -> ErrorCode.FORBIDDEN;
                case 404 -> ErrorCode.NOT_FOUND;
                case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                case 413 -> ErrorCode.FRAME_TOO_LARGE;
                case 416 -> ErrorCode.RANGE_NOT_SATISFIABLE;
                case 429 -> ErrorCode.RATE_LIMITED;
                case 502, 503, 504 -> ErrorCode.UNAVAILABLE;
                default -> ErrorCode.INTERNAL;
            };
        }
    }
}
