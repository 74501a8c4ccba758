package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointsTest {
    @Test
    void derivesTheWebSocketAddressFromTheServerUrl() {
        assertThat(Endpoints.webSocket(URI.create("http://127.0.0.1:8080"))).hasToString("ws://127.0.0.1:8080/v1/ws");
        assertThat(Endpoints.webSocket(URI.create("https://chat.example/"))).hasToString("wss://chat.example/v1/ws");
        assertThat(Endpoints.webSocket(URI.create("ws://h:1/custom/ws"))).hasToString("ws://h:1/custom/ws");
    }

    @Test
    void derivesTheHttpBase() {
        assertThat(Endpoints.httpBase(URI.create("http://127.0.0.1:8080/"))).hasToString("http://127.0.0.1:8080");
        assertThat(Endpoints.httpBase(URI.create("wss://chat.example/v1/ws"))).hasToString("https://chat.example");
    }

    @Test
    void rejectsOtherUrlsNamingThem() {
        assertThatThrownBy(() -> Endpoints.webSocket(URI.create("ftp://x")))
                .hasMessageContaining("must look like http://host:port").hasMessageContaining("'ftp://x'");
        assertThatThrownBy(() -> Endpoints.httpBase(URI.create("localhost:8080")))
                .hasMessageContaining("'localhost:8080'");
    }
}
