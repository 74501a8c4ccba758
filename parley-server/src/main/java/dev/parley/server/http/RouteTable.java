package dev.parley.server.http;

import dev.parley.protocol.ErrorCode;
import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small route table: {@code METHOD /path/{param}} → handler, with or without authentication. */
public final class RouteTable {

    @FunctionalInterface
    public interface Handler {
        HttpResult handle(HttpCall call);
    }

    public record Route(HttpMethod method, String[] segments, boolean authenticated, Handler handler) {
    }

    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public RouteTable open(HttpMethod method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), false, handler));
        return this;
    }

    public RouteTable authenticated(HttpMethod method, String pattern, Handler handler) {
        routes.add(new Route(method, split(pattern), true, handler));
        return this;
    }

    /** The route for this request; 404 when no path matches, 405 when the path matches with another method. */
    public Match match(HttpMethod method, String path) {
        String[] parts = split(path);
        boolean pathMatched = false;
        for (Route r : routes) {
            Map<String, String> params = matchPath(r.segments(), parts);
            if (params == null) {
                continue;
            }
            pathMatched = true;
            if (r.method().equals(method)) {
                return new Match(r, params);
            }
        }
        if (pathMatched) {
            throw new HttpError(ErrorCode.METHOD_NOT_ALLOWED, method + " is not supported on " + path);
        }
        throw new HttpError(ErrorCode.NOT_FOUND, "no endpoint " + path);
    }

    private static Map<String, String> matchPath(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), parts[i]);
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/");
    }
}
