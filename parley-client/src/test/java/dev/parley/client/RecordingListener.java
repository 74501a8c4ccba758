package dev.parley.client;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every callback with the thread it ran on. */
final class RecordingListener implements Listener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Views.Message> messages = new CopyOnWriteArrayList<>();
    final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void onMessage(Views.Message message, long cursor) {
        record("message " + cursor + " " + message.text());
        messages.add(message);
    }

    @Override
    public void onReceipt(Views.ReceiptEvent receipt) {
        record("receipt " + receipt.chatId() + " " + receipt.deliveredSeq());
    }

    @Override
    public void onChat(Views.ChatEvent chat) {
        record("chat " + chat.chatId());
    }

    @Override
    public void onGroupReceipt(Views.GroupReceiptEvent receipt) {
        record("groupReceipt " + receipt.chatId() + " " + receipt.deliveredSeq() + " " + receipt.readSeq());
    }

    @Override
    public void onJoinRequest(Views.JoinRequestEvent request) {
        record("joinRequest " + request.chatId() + " " + request.userId());
    }

    @Override
    public void onPresence(Views.Presence presence) {
        record("presence " + presence.userId() + " " + presence.online() + " " + presence.lastSeen());
    }

    @Override
    public void onTyping(ServerFrame.TypingFrame typing) {
        record("typing " + typing.chatId() + " " + typing.userId() + " " + typing.state() + " " + typing.expiresInMs());
    }

    @Override
    public void onSynced(long cursor) {
        record("synced " + cursor);
    }

    @Override
    public void onStateChanged(ConnectionState state) {
        states.add(state);
        record("state " + state.phase());
    }

    List<ConnectionState.Phase> phases() {
        return states.stream().map(ConnectionState::phase).toList();
    }

    private void record(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
    }
}
