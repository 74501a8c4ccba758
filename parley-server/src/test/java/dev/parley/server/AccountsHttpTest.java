package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountsHttpTest {
    @RegisterExtension
    static final TestServer server = new TestServer();

    private TestApi api() {
        return new TestApi(server.http());
    }

    @Test
    void registersWithUsernameAndLogsIn() {
        TestApi.Response reg = api().call("POST", "/v1/accounts", null,
                Map.of("username", "Alice_1", "password", "correct horse battery", "displayName", "Alice"));
        assertThat(reg.status()).isEqualTo(201);
        assertThat(reg.body().get("username").asText()).isEqualTo("alice_1");
        assertThat(reg.body().get("displayName").asText()).isEqualTo("Alice");

        TestApi.Response login = api().call("POST", "/v1/sessions", null,
                Map.of("login", "ALICE_1", "password", "correct horse battery", "deviceName", "laptop"));
        assertThat(login.status()).isEqualTo(201);
        String token = login.body().get("token").asText();
        assertThat(token).hasSize(43);

        TestApi.Response me = api().call("GET", "/v1/me", token, null);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("id").asLong()).isEqualTo(reg.body().get("id").asLong());
        assertThat(me.body().at("/settings/readReceipts").asBoolean()).isTrue();
    }

    @Test
    void registersWithPhoneAndLogsInWithIt() {
        TestApi.Response reg = api().call("POST", "/v1/accounts", null,
                Map.of("phone", "+4915112345678", "password", "correct horse battery", "displayName", "Bob"));
        assertThat(reg.status()).isEqualTo(201);
        TestApi.Response login = api().call("POST", "/v1/sessions", null,
                Map.of("login", "+4915112345678", "password", "correct horse battery", "deviceName", "phone"));
        assertThat(login.status()).isEqualTo(201);
        TestApi.Response found = api().call("GET", "/v1/users?phone=%2B4915112345678", login.body().get("token").asText(), null);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("displayName").asText()).isEqualTo("Bob");
        assertThat(found.body().get("phone").asText()).isEqualTo("+4915112345678");

        TestApi.Account stranger = api().newUser("nosy");
        TestApi.Response byId = api().call("GET", "/v1/users/" + reg.body().get("id").asLong(), stranger.token(), null);
        assertThat(byId.body().has("phone")).as("a user id does not reveal a phone number").isFalse();
        TestApi.Response self = api().call("GET", "/v1/users/" + reg.body().get("id").asLong(), login.body().get("token").asText(), null);
        assertThat(self.body().get("phone").asText()).isEqualTo("+4915112345678");
    }

    @Test
    void refusesDuplicatesWeakPasswordsAndBadFormats() {
        api().call("POST", "/v1/accounts", null, Map.of("username", "carol", "phone", "+14155550123",
                "password", "correct horse battery", "displayName", "Carol"));
        assertError(Map.of("username", "CAROL", "password", "correct horse battery"), 409, "username_taken");
        assertError(Map.of("username", "carol2", "phone", "+14155550123", "password", "correct horse battery"), 409, "phone_taken");
        assertError(Map.of("username", "dave", "password", "short"), 400, "weak_password");
        assertError(Map.of("username", "dave", "password", "password1"), 400, "weak_password");
        assertError(Map.of("phone", "0151 1234", "password", "correct horse battery"), 400, "invalid_phone");
        assertError(Map.of("username", "1x", "password", "correct horse battery"), 400, "invalid_username");
        assertError(Map.of("password", "correct horse battery"), 400, "invalid_frame");
        TestApi.Response malformed = api().call("POST", "/v1/accounts", null, "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("malformed_json");
        TestApi.Response wrongType = api().call("POST", "/v1/accounts", null, "{\"username\":5}");
        assertThat(wrongType.errorCode()).isEqualTo("invalid_frame");
        assertThat(wrongType.body().at("/error/message").asText()).contains("'username'");
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        TestApi.Account a = api().newUser("erin");
        TestApi.Response wrong = api().call("POST", "/v1/sessions", null,
                Map.of("login", a.username(), "password", "not the password", "deviceName", "x"));
        TestApi.Response unknown = api().call("POST", "/v1/sessions", null,
                Map.of("login", "nobody_here", "password", "not the password", "deviceName", "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.errorCode()).isEqualTo(unknown.errorCode()).isEqualTo("bad_credentials");
    }

    @Test
    void listsAndRevokesDevices() {
        TestApi.Account laptop = api().newUser("frank");
        TestApi.Account phone = api().login(laptop.username(), "phone");
        TestApi.Response list = api().call("GET", "/v1/devices", laptop.token(), null);
        assertThat(list.body().get("devices")).hasSize(2);
        assertThat(list.body().get("devices").get(0).get("current").asBoolean()).isTrue();

        assertThat(api().call("DELETE", "/v1/devices/" + phone.deviceId(), laptop.token(), null).status()).isEqualTo(204);
        TestApi.Response revoked = api().call("GET", "/v1/me", phone.token(), null);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.errorCode()).isEqualTo("unauthenticated");
        assertThat(api().call("GET", "/v1/devices", laptop.token(), null).body().get("devices")).hasSize(1);
        assertThat(api().call("DELETE", "/v1/devices/" + phone.deviceId(), laptop.token(), null).status()).isEqualTo(404);

        assertThat(api().call("DELETE", "/v1/sessions/current", laptop.token(), null).status()).isEqualTo(204);
        assertThat(api().call("GET", "/v1/me", laptop.token(), null).status()).isEqualTo(401);
    }

    @Test
    void cannotRevokeSomeoneElsesDevice() {
        TestApi.Account a = api().newUser("gina");
        TestApi.Account b = api().newUser("hank");
        assertThat(api().call("DELETE", "/v1/devices/" + b.deviceId(), a.token(), null).status()).isEqualTo(404);
        assertThat(api().call("GET", "/v1/me", b.token(), null).status()).isEqualTo(200);
    }

    @Test
    void looksUpUsers() {
        TestApi.Account a = api().newUser("ivan");
        TestApi.Response byId = api().call("GET", "/v1/users/" + a.userId(), a.token(), null);
        assertThat(byId.body().get("username").asText()).isEqualTo(a.username());
        assertThat(byId.body().has("passwordHash")).isFalse();
        assertThat(api().call("GET", "/v1/users?username=" + a.username().toUpperCase(), a.token(), null).status()).isEqualTo(200);
        assertThat(api().call("GET", "/v1/users/999999", a.token(), null).errorCode()).isEqualTo("not_found");
        assertThat(api().call("GET", "/v1/users/abc", a.token(), null).status()).isEqualTo(400);
        assertThat(api().call("GET", "/v1/users/1", null, null).status()).isEqualTo(401);
        assertThat(api().call("GET", "/v1/users/1", "forged-token", null).status()).isEqualTo(401);
    }

    @Test
    void operationalEndpointsAndErrorsAreJson() {
        assertThat(api().call("GET", "/health", null, null).body().get("status").asText()).isEqualTo("up");
        assertThat(api().call("GET", "/ready", null, null).status()).isEqualTo(200);
        TestApi.Response missing = api().call("GET", "/v1/nope", null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.errorCode()).isEqualTo("not_found");
        assertThat(api().call("PUT", "/v1/accounts", null, "{}").errorCode()).isEqualTo("method_not_allowed");
        TestApi.Response big = api().call("POST", "/v1/accounts", null, "{\"x\":\"" + "a".repeat(70_000) + "\"}");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.errorCode()).isEqualTo("frame_too_large");
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.http().resolve("/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("parley_ws_connections").contains("jvm_memory_used_bytes");
    }

    private void assertError(Map<String, String> body, int status, String code) {
        TestApi.Response r = api().call("POST", "/v1/accounts", null, body);
        assertThat(r.status()).as("status for %s", body).isEqualTo(status);
        assertThat(r.errorCode()).as("code for %s", body).isEqualTo(code);
        assertThat(r.body().at("/error/message").asText()).isNotBlank();
    }
}
