package dev.parley.bench.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.bench.metrics.BenchClock;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generator's hand-written frames are valid protocol v1, and its streaming reader agrees with FrameCodec. */
class FrameWriterTest {
    private final FrameCodec codec = new FrameCodec();
    private final UnpooledByteBufAllocator alloc = UnpooledByteBufAllocator.DEFAULT;

    @Test
    void sendAckAndAuthDecodeToTheProtocolRecords() throws Exception {
        byte[] text = FrameWriter.text(100);
        assertThat(text).hasSize(100);
        assertThat(codec.decodeClient(string(FrameWriter.send(alloc, 42, "abc.1", text))))
                .isEqualTo(new ClientFrame.Send(null, 42, "abc.1", null, new String(text, StandardCharsets.US_ASCII), null));
        assertThat(codec.decodeClient(string(FrameWriter.ack(alloc, 7)))).isEqualTo(new ClientFrame.Ack(null, 7));
        assertThat(codec.decodeClient(string(FrameWriter.ack(alloc, "fin", 9)))).isEqualTo(new ClientFrame.Ack("fin", 9));
        assertThat(codec.decodeClient(string(FrameWriter.auth(alloc, "tok", -1)))).isEqualTo(new ClientFrame.Auth("auth", "tok", null));
        assertThat(codec.decodeClient(string(FrameWriter.auth(alloc, "tok", 5)))).isEqualTo(new ClientFrame.Auth("auth", "tok", 5L));
    }

    @Test
    void streamingScannerReadsWhatTheCodecWrites() throws Exception {
        String clientId = BenchClock.clientId(123_456_789L, 3);
        String json = codec.encode(new ServerFrame.Update(11, new Views.MessageEvent(new Views.Message(5, 9, "m", 17, 2,
                clientId, "text", "hi", null, 1L, null))));
        for (boolean full : new boolean[] {false, true}) {
            Inbound in = new Inbound();
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            new FrameScanner(full).scan(bytes, bytes.length, in);
            assertThat(in.type).isEqualTo("update");
            assertThat(in.cursor).isEqualTo(11);
            assertThat(in.kind).isEqualTo("message");
            assertThat(in.senderId).isEqualTo(17);
            assertThat(in.messageSeq).isEqualTo(9);
            assertThat(BenchClock.intended(in.messageClientId)).isEqualTo(123_456_789L);
        }
        byte[] accepted = codec.encode(new ServerFrame.Accepted(null, 5, 9, "m", clientId, 1L)).getBytes(StandardCharsets.UTF_8);
        Inbound in = new Inbound();
        new FrameScanner(false).scan(accepted, accepted.length, in);
        assertThat(in.type).isEqualTo("accepted");
        assertThat(in.seq).isEqualTo(9);
        assertThat(in.clientId).isEqualTo(clientId);
    }

    private static String string(ByteBuf b) {
        try {
            return b.toString(StandardCharsets.UTF_8);
        } finally {
            b.release();
        }
    }
}
