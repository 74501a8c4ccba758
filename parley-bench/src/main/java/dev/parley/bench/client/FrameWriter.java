package dev.parley.bench.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * Writes the few client frames the generator sends straight into a buffer, in the exact shape
 * {@code FrameCodec.encode} gives them (type first, absent fields omitted) — FrameWriterTest decodes each with
 * {@code FrameCodec.decodeClient} and compares with the protocol record. Texts and tokens must be plain ASCII
 * without quotes or backslashes (the generator's are), so nothing needs escaping.
 */
public final class FrameWriter {
    private static final byte[] SEND = ascii("{\"type\":\"send\",\"chatId\":");
    private static final byte[] CLIENT_ID = ascii(",\"clientId\":\"");
    private static final byte[] TEXT = ascii("\",\"text\":\"");
    private static final byte[] END_STRING = ascii("\"}");
    private static final byte[] ACK = ascii("{\"type\":\"ack\",\"cursor\":");
    private static final byte[] ACK_WITH_ID = ascii("{\"type\":\"ack\",\"id\":\"");
    private static final byte[] CURSOR = ascii("\",\"cursor\":");
    private static final byte[] AUTH = ascii("{\"type\":\"auth\",\"id\":\"auth\",\"token\":\"");
    private static final byte[] CURSOR_FIELD = ascii(",\"cursor\":");

    private FrameWriter() {
    }

    /** {@code {"type":"send","chatId":…,"clientId":"…","text":"…"}}; {@code text} is pre-encoded ASCII. */
    public static ByteBuf send(ByteBufAllocator alloc, long chatId, String clientId, byte[] text) {
        ByteBuf b = alloc.buffer(64 + clientId.length() + text.length);
        b.writeBytes(SEND);
        ByteBufUtil.writeAscii(b, Long.toString(chatId));
        b.writeBytes(CLIENT_ID);
        ByteBufUtil.writeAscii(b, clientId);
        b.writeBytes(TEXT);
        b.writeBytes(text);
        b.writeBytes(END_STRING);
        return b;
    }

    /** {@code {"type":"ack","cursor":…}} (no id: the server answers nothing when it succeeds). */
    public static ByteBuf ack(ByteBufAllocator alloc, long cursor) {
        ByteBuf b = alloc.buffer(48);
        b.writeBytes(ACK);
        ByteBufUtil.writeAscii(b, Long.toString(cursor));
        b.writeByte('}');
        return b;
    }

    /** {@code {"type":"ack","id":"…","cursor":…}}: answered {@code ok} once durable. */
    public static ByteBuf ack(ByteBufAllocator alloc, String id, long cursor) {
        ByteBuf b = alloc.buffer(64);
        b.writeBytes(ACK_WITH_ID);
        ByteBufUtil.writeAscii(b, id);
        b.writeBytes(CURSOR);
        ByteBufUtil.writeAscii(b, Long.toString(cursor));
        b.writeByte('}');
        return b;
    }

    /** {@code {"type":"auth","id":"auth","token":"…"[,"cursor":…]}}; {@code cursor < 0}: omitted. */
    public static ByteBuf auth(ByteBufAllocator alloc, String token, long cursor) {
        ByteBuf b = alloc.buffer(96 + token.length());
        b.writeBytes(AUTH);
        ByteBufUtil.writeAscii(b, token);
        b.writeByte('"');
        if (cursor >= 0) {
            b.writeBytes(CURSOR_FIELD);
            ByteBufUtil.writeAscii(b, Long.toString(cursor));
        }
        b.writeByte('}');
        return b;
    }

    /** A printable ASCII text of exactly {@code bytes} bytes (the message body of the scenarios). */
    public static byte[] text(int bytes) {
        String pattern = "Parley bench message: the quick brown fox jumps over the lazy dog 0123456789. ";
        StringBuilder sb = new StringBuilder(bytes);
        while (sb.length() < bytes) {
            sb.append(pattern);
        }
        return ascii(sb.substring(0, bytes));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
