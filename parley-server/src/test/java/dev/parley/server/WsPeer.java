package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import dev.parley.testkit.ws.RecordingWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * One authenticated device over raw frames: {@link #request} sends a frame with a fresh id and returns the
 * response with that id, keeping every pushed update it passes on the way, in order, in {@link #updates()}.
 */
final class WsPeer implements AutoCloseable {
    private final RecordingWebSocket ws;
    private final TestApi.Account account;
    private final List<ServerFrame.Update> updates = new ArrayList<>();
    private final List<ServerFrame> signals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    WsPeer(URI uri, TestApi.Account account) {
        this.account = account;
        this.ws = RecordingWebSocket.connect(uri).withSignals();
        ws.send("{\"type\":\"auth\",\"token\":\"" + account.token() + "\"}");
        ws.expect(ServerFrame.Ready.class);
        while (true) {
            ServerFrame f = ws.next();
            if (f instanceof ServerFrame.Synced) {
                break;
            }
            keep(f);
        }
    }

    long userId() {
        return account.userId();
    }

    /** Sends {@code json} (an object without "id") with a fresh id; returns the response to it. */
    ServerFrame request(String json) {
        String id = "r" + ids.incrementAndGet();
        ws.send("{\"id\":\"" + id + "\"," + json.substring(1));
        while (true) {
            ServerFrame f = ws.next();
            if (id.equals(responseId(f))) {
                return f;
            }
            keep(f);
        }
    }

    <T extends ServerFrame> T request(String json, Class<T> type) {
        ServerFrame f = request(json);
        assertThat(f).as("response to %s", json).isInstanceOf(type);
        return type.cast(f);
    }

    ServerFrame.Error requestError(String json, String code) {
        ServerFrame.Error e = request(json, ServerFrame.Error.class);
        assertThat(e.code()).as("error of %s: %s", json, e.message()).isEqualTo(code);
        return e;
    }

    /** Reads pushed frames until an update matching {@code p} arrives (fails after 10 s of silence). */
    ServerFrame.Update awaitUpdate(Predicate<Views.Event> p) {
        for (ServerFrame.Update u : updates) {
            if (p.test(u.event())) {
                return u;
            }
        }
        while (true) {
            ServerFrame f = ws.next();
            keep(f);
            if (f instanceof ServerFrame.Update u && p.test(u.event())) {
                return u;
            }
        }
    }

    /** Reads pushed frames until a presence/typing frame matching {@code p} arrives (fails after 10 s of silence). */
    <T extends ServerFrame> T awaitSignal(Class<T> type, Predicate<T> p) {
        for (ServerFrame f : signals) {
            if (type.isInstance(f) && p.test(type.cast(f))) {
                return type.cast(f);
            }
        }
        while (true) {
            ServerFrame f = ws.next();
            keep(f);
            if (type.isInstance(f) && p.test(type.cast(f))) {
                return type.cast(f);
            }
        }
    }

    /** Presence and typing frames received so far. */
    List<ServerFrame> signals() {
        return signals;
    }

    private void keep(ServerFrame f) {
        if (f instanceof ServerFrame.Update u) {
            updates.add(u);
        } else if (f instanceof ServerFrame.PresenceFrame || f instanceof ServerFrame.TypingFrame) {
            signals.add(f);
        }
    }

    /** Messages (text and system) of a chat received so far, in arrival order. */
    List<Views.Message> messages(long chatId) {
        return updates.stream().map(ServerFrame.Update::event)
                .filter(e -> e instanceof Views.MessageEvent m && m.message().chatId() == chatId)
                .map(e -> ((Views.MessageEvent) e).message()).toList();
    }

    /** Drains whatever has arrived (a ping round trip guarantees everything sent before it was read). */
    WsPeer sync() {
        request("{\"type\":\"ping\"}");
        return this;
    }

    /** Acknowledges every update received so far (waits for the server's ok). */
    void ackAll() {
        long cursor = updates.isEmpty() ? 0 : updates.get(updates.size() - 1).cursor();
        request("{\"type\":\"ack\",\"cursor\":" + cursor + "}", ServerFrame.Ok.class);
    }

    List<ServerFrame.Update> updates() {
        return updates;
    }

    @Override
    public void close() {
        ws.close();
    }

    private static String responseId(ServerFrame f) {
        return f instanceof ServerFrame.Response r ? r.id() : null;
    }

    static Predicate<Views.Event> system(long chatId, String action) {
        return e -> e instanceof Views.MessageEvent m && m.message().chatId() == chatId && m.message().system() != null
                && m.message().system().action().equals(action);
    }

    static Predicate<Views.Event> text(long chatId, String text) {
        return e -> e instanceof Views.MessageEvent m && m.message().chatId() == chatId && text.equals(m.message().text());
    }
}
