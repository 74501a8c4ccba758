package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerFrame;

/**
 * Decodes server frames, salvaging what it can from frames this client cannot fully decode (a newer server):
 * an {@code update} of an unknown event kind becomes an update with a null event (skipped but acknowledged,
 * so it does not stall the stream), and a response with a readable id fails that request instead of hanging.
 */
final class FrameReader {

    /** What a text frame turned out to be. */
    sealed interface Result {
    }

    /** A decoded frame. */
    record Frame(ServerFrame frame) implements Result {
    }

    /** An undecodable frame; {@code requestId} is its id when readable, else null. */
    record Broken(String requestId, String problem) implements Result {
    }

    private final FrameCodec codec;

    FrameReader(FrameCodec codec) {
        this.codec = codec;
    }

    Result read(String text) {
        try {
            return new Frame(codec.decodeServer(text));
        } catch (ProtocolException e) {
            return salvage(text, e);
        }
    }

    private Result salvage(String text, ProtocolException e) {
        JsonNode node;
        try {
            node = codec.mapper().readTree(text);
        } catch (Exception parse) {
            return new Broken(null, e.getMessage());
        }
        JsonNode cursor = node.path("cursor");
        if ("update".equals(node.path("type").asText()) && cursor.canConvertToLong() && cursor.asLong() > 0) {
            return new Frame(new ServerFrame.Update(cursor.asLong(), null));
        }
        return new Broken(e.requestId(), e.getMessage());
    }
}
