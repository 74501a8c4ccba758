package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Registrations and logins are rate-limited per client address, with a JSON 429 and Retry-After. */
class AuthRateLimitTest {
    @RegisterExtension
    static final TestServer server = new TestServer()
            .with("parley.http.auth-per-second", 0.5)
            .with("parley.http.auth-burst", 3);

    @Test
    void fourthAttemptInABurstIsRefused() {
        TestApi api = new TestApi(server.http());
        for (int i = 0; i < 3; i++) {
            assertThat(login(api).status()).isEqualTo(401);
        }
        TestApi.Response refused = login(api);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("rate_limited");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(api.call("GET", "/health", null, null).status()).as("other endpoints are not limited").isEqualTo(200);
    }

    private static TestApi.Response login(TestApi api) {
        return api.call("POST", "/v1/sessions", null, Map.of("login", "nobody", "password", "wrong password", "deviceName", "d"));
    }
}
