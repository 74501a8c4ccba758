package dev.parley.bench.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads server frames into an {@link Inbound}. Two modes: the default streams the JSON with Jackson's parser
 * and keeps only the fields the generator needs (no String of the frame, no records — the generator shares the
 * cores with the server, so its cost per frame matters); {@code full} decodes every frame with the protocol's own
 * {@link FrameCodec} into the {@link ServerFrame} records (slower; proves every frame the server sent is valid
 * protocol v1, and fails the frame otherwise).
 */
public final class FrameScanner {
    private static final JsonFactory JSON = new JsonFactory();
    private final FrameCodec codec;

    /** {@code full}: decode with {@link FrameCodec} instead of streaming. */
    public FrameScanner(boolean full) {
        this.codec = full ? new FrameCodec() : null;
    }

    public void scan(byte[] buf, int len, Inbound in) throws IOException {
        in.reset();
        if (codec != null) {
            full(new String(buf, 0, len, StandardCharsets.UTF_8), in);
            return;
        }
        try (JsonParser p = JSON.createParser(buf, 0, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("frame is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String f = p.currentName();
                JsonToken t = p.nextToken();
                switch (f) {
                    case "type" -> in.type = p.getText();
                    case "id" -> in.id = t == JsonToken.VALUE_NULL ? null : p.getText();
                    case "cursor" -> in.cursor = p.getLongValue();
                    case "head" -> in.head = p.getLongValue();
                    case "seq" -> in.seq = p.getLongValue();
                    case "chatId" -> in.chatId = p.getLongValue();
                    case "userId" -> in.userId = p.getLongValue();
                    case "clientId" -> in.clientId = p.getText();
                    case "code" -> in.code = p.getText();
                    case "message" -> in.message = p.getText();
                    case "event" -> event(p, in);
                    default -> p.skipChildren();
                }
            }
        }
    }

    private static void event(JsonParser p, Inbound in) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "kind" -> in.kind = p.getText();
                case "chatId" -> in.chatId = p.getLongValue();
                case "userId" -> in.userId = p.getLongValue();
                case "deliveredSeq" -> in.deliveredSeq = p.getLongValue();
                case "message" -> message(p, in);
                default -> p.skipChildren();
            }
        }
    }

    private static void message(JsonParser p, Inbound in) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "senderId" -> in.senderId = p.getLongValue();
                case "clientId" -> in.messageClientId = p.getText();
                case "seq" -> in.messageSeq = p.getLongValue();
                case "chatId" -> in.chatId = p.getLongValue();
                default -> p.skipChildren();
            }
        }
    }

    private void full(String text, Inbound in) throws IOException {
        ServerFrame frame;
        try {
            frame = codec.decodeServer(text);
        } catch (ProtocolException e) {
            throw new IOException("server frame is not valid protocol v1: " + e.getMessage() + ": " + text, e);
        }
        if (frame instanceof ServerFrame.Response r) {
            in.id = r.id();
        }
        switch (frame) {
            case ServerFrame.Ready r -> {
                in.type = "ready";
                in.cursor = r.cursor();
                in.head = r.head();
                in.userId = r.userId();
            }
            case ServerFrame.Accepted a -> {
                in.type = "accepted";
                in.chatId = a.chatId();
                in.seq = a.seq();
                in.clientId = a.clientId();
            }
            case ServerFrame.Update u -> {
                in.type = "update";
                in.cursor = u.cursor();
                event(u.event(), in);
            }
            case ServerFrame.Synced s -> {
                in.type = "synced";
                in.cursor = s.cursor();
            }
            case ServerFrame.Error e -> {
                in.type = "error";
                in.code = e.code();
                in.message = e.message();
            }
            case ServerFrame.Ok o -> in.type = "ok";
            case ServerFrame.Pong o -> in.type = "pong";
            default -> in.type = "other";
        }
    }

    private static void event(Views.Event event, Inbound in) {
        switch (event) {
            case Views.MessageEvent m -> {
                in.kind = "message";
                in.chatId = m.message().chatId();
                in.senderId = m.message().senderId();
                in.messageClientId = m.message().clientId();
                in.messageSeq = m.message().seq();
            }
            case Views.ReceiptEvent r -> {
                in.kind = "receipt";
                in.chatId = r.chatId();
                in.userId = r.userId();
                in.deliveredSeq = r.deliveredSeq();
            }
            case Views.GroupReceiptEvent g -> {
                in.kind = "groupReceipt";
                in.chatId = g.chatId();
                in.deliveredSeq = g.deliveredSeq();
            }
            case Views.ChatEvent c -> {
                in.kind = "chat";
                in.chatId = c.chatId();
            }
            default -> in.kind = "other";
        }
    }
}
