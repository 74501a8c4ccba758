package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Views;
import java.io.UncheckedIOException;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ParleyHttpTest {
    private final StubHttpServer server = new StubHttpServer();
    private final ParleyHttp http = new ParleyHttp(server.uri());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerPostsTheAccountAndReadsTheUser() {
        server.respond(201, "{'id':1,'username':'alice','phone':null,'displayName':'Alice'}");
        Views.User user = http.register(NewAccount.withUsername("alice", "s3cret-pass", "Alice"));
        assertThat(user).isEqualTo(new Views.User(1, "alice", null, "Alice"));
        StubHttpServer.Request request = server.last();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/accounts");
        assertThat(request.body()).contains("\"username\":\"alice\"", "\"password\":\"s3cret-pass\"",
                "\"displayName\":\"Alice\"").doesNotContain("phone");
        assertThat(request.authorization()).isNull();
    }

    @Test
    void loginReadsTheSession() {
        server.respond(201, "{'userId':1,'deviceId':3,'token':'abc_-'}");
        Session session = http.login("alice", "pw", "laptop");
        assertThat(session).isEqualTo(new Session(1, 3, "abc_-"));
        assertThat(session.toString()).doesNotContain("abc_-");
        assertThat(server.last().body()).contains("\"login\":\"alice\"", "\"deviceName\":\"laptop\"");
    }

    @Test
    void authenticatedCallsSendTheBearerToken() {
        server.respond(200, "{'devices':[{'id':3,'name':'laptop','createdAt':5,'current':true}]}");
        assertThat(http.devices("tok")).containsExactly(new Device(3, "laptop", 5, true));
        assertThat(server.last().authorization()).isEqualTo("Bearer tok");
        assertThat(server.last().path()).isEqualTo("/v1/devices");
    }

    @Test
    void noContentAnswersAreFine() {
        server.respond(204, "");
        http.logout("tok");
        http.revokeDevice("tok", 4);
        assertThat(server.requests()).extracting(StubHttpServer.Request::method, StubHttpServer.Request::path)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DELETE", "/v1/sessions/current"),
                        org.assertj.core.groups.Tuple.tuple("DELETE", "/v1/devices/4"));
    }

    @Test
    void lookupsEncodeTheQuery() {
        server.respond(200, "{'id':2,'username':null,'phone':'+14155550100','displayName':'Bob'}");
        assertThat(http.userByPhone("tok", "+14155550100").displayName()).isEqualTo("Bob");
        assertThat(server.last().rawQuery()).isEqualTo("phone=%2B14155550100");
        http.userByUsername("tok", "bob");
        assertThat(server.last().rawQuery()).isEqualTo("username=bob");
        http.userById("tok", 2);
        assertThat(server.last().path()).isEqualTo("/v1/users/2");
    }

    @Test
    void meIncludesSettings() {
        server.respond(200, "{'id':1,'username':'alice','phone':null,'displayName':'Alice','settings':{'readReceipts':false}}");
        assertThat(http.me("tok").settings()).isEqualTo(new Me.Settings(false, null, null));
        server.respond(200, "{'id':1,'username':'alice','displayName':'Alice','settings':{'readReceipts':true,"
                + "'lastSeen':'contacts','online':'nobody'}}");
        assertThat(http.me("tok").settings()).isEqualTo(new Me.Settings(true, "contacts", "nobody"));
    }

    @Test
    void updateSettingsPatchesOnlyTheGivenFields() {
        server.respond(200, "{'id':1,'username':'alice','displayName':'Alice','settings':{'readReceipts':true,"
                + "'lastSeen':'nobody','online':'everyone'}}");
        Me me = http.updateSettings("tok", null, "nobody", null);
        assertThat(me.settings().lastSeen()).isEqualTo("nobody");
        assertThat(server.last().method()).isEqualTo("PATCH");
        assertThat(server.last().path()).isEqualTo("/v1/me/settings");
        assertThat(server.last().body()).isEqualTo("{\"lastSeen\":\"nobody\"}");
        http.updateSettings("tok", false, null, "contacts");
        assertThat(server.last().body()).isEqualTo("{\"readReceipts\":false,\"online\":\"contacts\"}");
    }

    @Test
    void errorBodiesBecomeApiExceptionsWithTheCode() {
        server.respond(409, "{'error':{'code':'username_taken','message':'username \\u0027alice\\u0027 is taken'}}");
        assertThatThrownBy(() -> http.register(NewAccount.withUsername("alice", "pw", "A")))
                .isInstanceOfSatisfying(ParleyApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_TAKEN);
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("is taken");
                });
    }

    @Test
    void aNonParleyErrorBodyIsMappedByStatus() {
        server.respond(502, "<html>bad gateway</html>");
        assertThatThrownBy(() -> http.me("tok"))
                .isInstanceOfSatisfying(ParleyApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("GET /v1/me answered HTTP 502 without a Parley error body")
                            .contains("bad gateway");
                });
    }

    @Test
    void anUnreachableServerIsAnIoErrorNamingTheUrl() {
        server.close();
        assertThatThrownBy(() -> http.me("tok")).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(server.uri() + "/v1/me");
    }

    @Test
    void aNewAccountNeedsAUsernameOrAPhone() {
        assertThatThrownBy(() -> new NewAccount(null, null, "pw", "X"))
                .hasMessageContaining("needs a username or a phone, got neither");
        assertThat(NewAccount.withPhone("+1", "pw", "X").toString()).doesNotContain("pw");
        assertThatThrownBy(() -> new ParleyHttp(URI.create("localhost:80"))).hasMessageContaining("'localhost:80'");
    }
}
