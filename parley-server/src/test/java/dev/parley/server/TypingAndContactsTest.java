package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Typing indicators (ephemeral, online members only, rate-limited), contacts and contact-book sync. */
class TypingAndContactsTest {
    @RegisterExtension
    static final TestServer server = new TestServer()
            .with("parley.limits.typing-burst", 3)
            .with("parley.limits.typing-per-second", 0.01)
            .with("parley.limits.phone-lookups-per-day", 5);

    private final TestApi api = new TestApi(server.http());

    @Test
    void typingReachesOnlineMembersOnlyAndIsNeverStored() {
        TestApi.Account a = api.newUser("ta");
        TestApi.Account b = api.newUser("tb");
        TestApi.Account c = api.newUser("tc");
        try (WsPeer ann = new WsPeer(server.ws(), a); WsPeer bob = new WsPeer(server.ws(), b)) {
            long group = ann.request("{\"type\":\"createGroup\",\"name\":\"t\",\"members\":[" + b.userId() + "," + c.userId() + "]}",
                    ServerFrame.ChatResult.class).chat().id();
            ann.request("{\"type\":\"typing\",\"chatId\":" + group + ",\"state\":\"typing\"}", ServerFrame.Ok.class);
            ServerFrame.TypingFrame t = bob.awaitSignal(ServerFrame.TypingFrame.class, f -> f.chatId() == group);
            assertThat(t.userId()).isEqualTo(a.userId());
            assertThat(t.state()).isEqualTo("typing");
            assertThat(t.expiresInMs()).isPositive();
            assertThat(ann.sync().signals()).as("not echoed to the typist").noneMatch(f -> f instanceof ServerFrame.TypingFrame);

            try (WsPeer cy = new WsPeer(server.ws(), c)) {
                assertThat(cy.sync().signals()).as("an offline member gets nothing queued")
                        .noneMatch(f -> f instanceof ServerFrame.TypingFrame);
                assertThat(cy.updates()).noneMatch(u -> u.event() instanceof Views.MessageEvent m && m.message().text() == null
                        && m.message().system() == null);
            }
            ann.request("{\"type\":\"typing\",\"chatId\":" + group + ",\"state\":\"recording\"}", ServerFrame.Ok.class);
            ann.request("{\"type\":\"typing\",\"chatId\":" + group + ",\"state\":\"stopped\"}", ServerFrame.Ok.class);
            ann.requestError("{\"type\":\"typing\",\"chatId\":" + group + ",\"state\":\"typing\"}", "rate_limited");
            ann.requestError("{\"type\":\"typing\",\"chatId\":" + group + ",\"state\":\"dancing\"}", "invalid_frame");
        }
    }

    @Test
    void strangersCannotSendTypingIntoAChat() {
        TestApi.Account a = api.newUser("sa");
        TestApi.Account b = api.newUser("sb");
        TestApi.Account z = api.newUser("sz");
        try (WsPeer ann = new WsPeer(server.ws(), a); WsPeer zed = new WsPeer(server.ws(), z)) {
            long chat = ann.request("{\"type\":\"openDirect\",\"userId\":" + b.userId() + "}", ServerFrame.ChatResult.class).chat().id();
            zed.requestError("{\"type\":\"typing\",\"chatId\":" + chat + ",\"state\":\"typing\"}", "not_found");
        }
    }

    @Test
    void contactsAndContactBookSync() {
        TestApi.Account a = api.newUser("ca");
        api.call("POST", "/v1/accounts", null, Map.of("phone", "+4930123456", "password", "correct horse battery",
                "displayName", "Dora"));
        TestApi.Account b = api.newUser("cb");
        try (WsPeer ann = new WsPeer(server.ws(), a)) {
            ann.request("{\"type\":\"addContact\",\"userId\":" + b.userId() + ",\"name\":\"Bestie\"}", ServerFrame.Ok.class);
            List<Views.Contact> list = ann.request("{\"type\":\"getContacts\"}", ServerFrame.Contacts.class).contacts();
            assertThat(list).singleElement().satisfies(c -> {
                assertThat(c.user().id()).isEqualTo(b.userId());
                assertThat(c.name()).isEqualTo("Bestie");
            });
            ann.request("{\"type\":\"removeContact\",\"userId\":" + b.userId() + "}", ServerFrame.Ok.class);
            assertThat(ann.request("{\"type\":\"getContacts\"}", ServerFrame.Contacts.class).contacts()).isEmpty();
            ann.request("{\"type\":\"removeContact\",\"userId\":" + b.userId() + "}", ServerFrame.Ok.class);

            List<Views.PhoneMatch> matches = ann.request("{\"type\":\"lookupPhones\",\"phones\":[\"+4930123456\",\"+15550000000\",\"nonsense\"]}",
                    ServerFrame.PhoneMatches.class).matches();
            assertThat(matches).singleElement().satisfies(m -> {
                assertThat(m.phone()).isEqualTo("+4930123456");
                assertThat(m.user().displayName()).isEqualTo("Dora");
            });
            ann.requestError("{\"type\":\"lookupPhones\",\"phones\":[\"+1\",\"+2\",\"+3\"]}", "rate_limited");
            List<String> many = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                many.add("\"+1555" + String.format("%07d", i) + "\"");
            }
            ann.requestError("{\"type\":\"lookupPhones\",\"phones\":[" + String.join(",", many) + "]}", "invalid_frame");
        }
    }
}
