package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec();

    @Test
    void decodesSend() throws Exception {
        ClientFrame f = codec.decodeClient("{\"type\":\"send\",\"id\":\"r1\",\"chatId\":7,\"clientId\":\"c-1\",\"text\":\"hi\"}");
        assertThat(f).isEqualTo(new ClientFrame.Send("r1", 7, "c-1", null, "hi", null));
    }

    @Test
    void roundTripsServerFramesWithTypeFirst() throws Exception {
        var update = new ServerFrame.Update(5, new Views.MessageEvent(
                new Views.Message(1, 2, "m", 3, 4, "c", "text", "hello", null, 99, null)));
        String json = codec.encode(update);
        assertThat(json).startsWith("{\"type\":\"update\"").contains("\"kind\":\"message\"");
        assertThat(codec.decodeServer(json)).isEqualTo(update);
        var receipt = new ServerFrame.Update(6, new Views.ReceiptEvent(1, 2, 3, null));
        assertThat(codec.decodeServer(codec.encode(receipt))).isEqualTo(receipt);
        var chats = new ServerFrame.Chats("x", List.of());
        assertThat(codec.decodeServer(codec.encode(chats))).isEqualTo(chats);
    }

    @Test
    void onePassEncodingEqualsTheTreeEncoding() throws Exception {
        var mapper = codec.mapper();
        List<Object> frames = List.of(
                new ServerFrame.Update(5, new Views.MessageEvent(
                        new Views.Message(1, 2, "m", 3, 4, "c", "text", "h\u00e9llo \"q\"", 7L, 99, null))),
                new ServerFrame.Update(6, new Views.ReceiptEvent(1, 2, 3, null)),
                new ServerFrame.Chats("x", List.of()),
                new ServerFrame.Synced(12),
                new ServerFrame.Accepted("r", 1, 2, "m", "c", 3),
                new ClientFrame.Send(null, 4711, "c1", null, "text", null),
                ServerFrame.Error.of("r", ErrorCode.INVALID_FRAME, "bad"));
        for (Object frame : frames) {
            var tree = mapper.createObjectNode().put("type", codec.encode(frame).replaceFirst("^\\{\"type\":\"([^\"]+)\".*$", "$1"));
            tree.setAll((com.fasterxml.jackson.databind.node.ObjectNode) mapper.valueToTree(frame));
            assertThat(codec.encode(frame)).isEqualTo(mapper.writeValueAsString(tree));
            assertThat(new String(codec.encodeBytes(frame), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(codec.encode(frame));
        }
    }

    @Test
    void anUpdateAroundASharedEventIsTheSameFrame() throws Exception {
        var event = new Views.MessageEvent(new Views.Message(1, 2, "m", 3, 4, "c", "text", "hi", null, 99, null));
        byte[] shared = codec.encodeEvent(event);
        for (long cursor : new long[] {0, 7, Long.MAX_VALUE}) {
            assertThat(FrameCodec.encodeUpdate(cursor, shared))
                    .isEqualTo(codec.encodeBytes(new ServerFrame.Update(cursor, event)));
        }
        assertThat(codec.decodeServer(new String(FrameCodec.encodeUpdate(3, shared), java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(new ServerFrame.Update(3, event));
    }

    @Test
    void malformedJson() {
        assertError("{nope", ErrorCode.MALFORMED_JSON, null, "not valid JSON");
        assertError("[1,2]", ErrorCode.MALFORMED_JSON, null, "JSON object");
    }

    @Test
    void unknownType() {
        assertError("{\"type\":\"fly\",\"id\":\"r9\"}", ErrorCode.UNKNOWN_TYPE, "r9", "unknown frame type 'fly'");
        assertError("{\"id\":\"r9\"}", ErrorCode.UNKNOWN_TYPE, "r9", "'type'");
    }

    @Test
    void missingField() {
        assertError("{\"type\":\"send\",\"id\":\"r2\",\"clientId\":\"c\",\"text\":\"x\"}",
                ErrorCode.INVALID_FRAME, "r2", "field 'chatId' is required");
    }

    @Test
    void wrongTypedField() {
        assertError("{\"type\":\"send\",\"id\":\"r3\",\"chatId\":\"7\",\"clientId\":\"c\",\"text\":\"x\"}",
                ErrorCode.INVALID_FRAME, "r3", "field 'chatId' must be an integer");
        assertError("{\"type\":\"send\",\"id\":\"r4\",\"chatId\":7,\"clientId\":\"c\",\"text\":5}",
                ErrorCode.INVALID_FRAME, "r4", "field 'text' must be a string");
    }

    @Test
    void outOfRange() {
        assertError("{\"type\":\"ack\",\"id\":\"r5\",\"cursor\":-1}", ErrorCode.INVALID_FRAME, "r5", "'cursor' must be >= 0");
        assertError("{\"type\":\"getHistory\",\"id\":\"r6\",\"chatId\":1,\"limit\":1000}", ErrorCode.INVALID_FRAME, "r6", "'limit' must be 1..200");
    }

    private void assertError(String json, ErrorCode code, String id, String messagePart) {
        assertThatThrownBy(() -> codec.decodeClient(json))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.requestId()).isEqualTo(id);
                    assertThat(e.getMessage()).contains(messagePart);
                });
    }
}
