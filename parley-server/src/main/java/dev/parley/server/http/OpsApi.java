package dev.parley.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness, readiness and Prometheus metrics. */
public final class OpsApi {
    private final PrometheusMeterRegistry prometheus;
    private final BooleanSupplier ready;

    public OpsApi(PrometheusMeterRegistry prometheus, BooleanSupplier ready) {
        this.prometheus = prometheus;
        this.ready = ready;
    }

    public void register(RouteTable routes) {
        routes.open(HttpMethod.GET, "/health", call -> HttpResult.json(200, Map.of("status", "up")))
                .open(HttpMethod.GET, "/ready", call -> ready.getAsBoolean()
                        ? HttpResult.json(200, Map.of("status", "ready"))
                        : HttpResult.json(503, Map.of("status", "not ready")))
                .open(HttpMethod.GET, "/metrics", call -> HttpResult.text(200, prometheus.scrape(),
                        "text/plain; version=0.0.4; charset=utf-8"));
    }
}
