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
