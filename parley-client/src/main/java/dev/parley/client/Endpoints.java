package dev.parley.client;

import java.net.URI;
import java.util.Objects;

/** Derives the HTTP base and the WebSocket address from the server URL the user gives. */
final class Endpoints {
    static final String WS_PATH = "/v1/ws";

    private Endpoints() {
    }

    /** {@code http(s)://host:port} with a trailing slash removed; ws(s) is turned into http(s). */
    static URI httpBase(URI server) {
        Objects.requireNonNull(server, "server");
        String scheme = scheme(server);
        String http = switch (scheme) {
            case "http", "ws" -> "http";
            case "https", "wss" -> "https";
            default -> throw badScheme(server);
        };
        return URI.create(http + "://" + server.getRawAuthority());
    }

    /** The WebSocket endpoint: {@code ws(s)://host:port/v1/ws}; a ws(s) URL with a path is used as given. */
    static URI webSocket(URI server) {
        Objects.requireNonNull(server, "server");
        String scheme = scheme(server);
        if ((scheme.equals("ws") || scheme.equals("wss")) && server.getRawPath() != null
                && !server.getRawPath().isEmpty() && !server.getRawPath().equals("/")) {
            return server;
        }
        String ws = switch (scheme) {
            case "http", "ws" -> "ws";
            case "https", "wss" -> "wss";
            default -> throw badScheme(server);
        };
        return URI.create(ws + "://" + server.getRawAuthority() + WS_PATH);
    }

    private static String scheme(URI server) {
        if (server.getScheme() == null || server.getRawAuthority() == null) {
            throw badScheme(server);
        }
        return server.getScheme().toLowerCase(java.util.Locale.ROOT);
    }

    private static IllegalArgumentException badScheme(URI server) {
        return new IllegalArgumentException("server URL must look like http://host:port (or https, ws, wss), got '"
                + server + "'");
    }
}
