package dev.parley.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.StubHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP-only commands against an in-process stub server. */
class CliCommandsTest {
    @TempDir
    Path dir;
    private final StubHttpServer server = new StubHttpServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private CliHarness loggedIn() {
        new ProfileStore(dir).save(new Profile(server.uri(), "tok", 1, 3, "alice"));
        return new CliHarness(dir);
    }

    @Test
    void registerPrintsTheNewUserAndHowToLogIn() {
        server.respond(201, "{'id':1,'username':'alice','phone':null,'displayName':'Alice'}");
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("register", "--server", server.uri().toString(), "--username", "alice",
                "--display-name", "Alice", "--password", "pw")).isZero();
        assertThat(cli.out.toString()).contains("registered user 1: Alice (@alice)")
                .contains("parley login --server " + server.uri() + " --login alice");
    }

    @Test
    void loginSavesTheProfileAndResetsTheCursor() throws Exception {
        Files.writeString(dir.resolve("cursor"), "99");
        server.respond(201, "{'userId':1,'deviceId':3,'token':'tok-1'}");
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("login", "--server", server.uri().toString(), "--login", "alice", "--password", "pw",
                "--device-name", "laptop")).isZero();
        assertThat(cli.out.toString()).contains("logged in as alice (user 1, device 3)");
        assertThat(new ProfileStore(dir).load()).hasValue(new Profile(server.uri(), "tok-1", 1, 3, "alice"));
        assertThat(dir.resolve("cursor")).doesNotExist();
        assertThat(server.last().body()).contains("\"deviceName\":\"laptop\"");
    }

    @Test
    void badCredentialsFailWithTheServersCode() {
        server.respond(401, "{'error':{'code':'bad_credentials','message':'wrong login or password'}}");
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("login", "--server", server.uri().toString(), "--login", "alice", "--password", "x")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("error: bad_credentials (HTTP 401): wrong login or password");
        assertThat(new ProfileStore(dir).load()).isEmpty();
    }

    @Test
    void devicesPrintsATable() {
        server.respond(200, "{'devices':[{'id':3,'name':'laptop','createdAt':1740830400000,'current':true},"
                + "{'id':4,'name':'phone','createdAt':1740830400000,'current':false}]}");
        CliHarness cli = loggedIn();
        assertThat(cli.run("devices")).isZero();
        assertThat(cli.out.toString().lines()).containsExactly(
                "ID  NAME    LOGGED IN         CURRENT",
                "3   laptop  2025-03-01 12:00  *",
                "4   phone   2025-03-01 12:00");
        assertThat(server.last().authorization()).isEqualTo("Bearer tok");
    }

    @Test
    void logoutForgetsTheProfile() {
        server.respond(204, "");
        CliHarness cli = loggedIn();
        assertThat(cli.run("logout")).isZero();
        assertThat(new ProfileStore(dir).load()).isEmpty();
        assertThat(server.last().path()).isEqualTo("/v1/sessions/current");
    }

    @Test
    void logoutOfAnEndedSessionStillForgetsIt() {
        server.respond(401, "{'error':{'code':'unauthenticated','message':'token revoked'}}");
        CliHarness cli = loggedIn();
        assertThat(cli.run("logout")).isZero();
        assertThat(cli.out.toString()).contains("already ended");
        assertThat(new ProfileStore(dir).load()).isEmpty();
    }

    @Test
    void revokingThisDeviceLogsOut() {
        server.respond(204, "");
        CliHarness cli = loggedIn();
        assertThat(cli.run("revoke", "4")).isZero();
        assertThat(new ProfileStore(dir).load()).isPresent();
        assertThat(cli.run("revoke", "3")).isZero();
        assertThat(cli.out.toString()).contains("revoked device 4", "revoked device 3 (this device): logged out");
        assertThat(new ProfileStore(dir).load()).isEmpty();
    }

    @Test
    void commandsNeedALogin() {
        CliHarness cli = new CliHarness(dir);
        assertThat(cli.run("chats")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("not logged in (no profile in " + dir + ")", "parley login");
    }

    @Test
    void anUnreachableServerIsReportedInOneLine() {
        CliHarness cli = loggedIn();
        server.close();
        assertThat(cli.run("devices", "--timeout", "2")).isEqualTo(1);
        assertThat(cli.err.toString()).startsWith("error: cannot reach the server for GET " + server.uri());
    }
}
