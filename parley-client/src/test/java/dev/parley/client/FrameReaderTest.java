package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private final FrameReader reader = new FrameReader(new FrameCodec());

    @Test
    void decodesKnownFrames() {
        assertThat(reader.read("{\"type\":\"synced\",\"cursor\":4}"))
                .isEqualTo(new FrameReader.Frame(new ServerFrame.Synced(4)));
    }

    @Test
    void anUpdateOfAnUnknownKindKeepsItsCursor() {
        assertThat(reader.read("{\"type\":\"update\",\"cursor\":9,\"event\":{\"kind\":\"typing\",\"chatId\":1}}"))
                .isEqualTo(new FrameReader.Frame(new ServerFrame.Update(9, null)));
    }

    @Test
    void anUndecodableResponseKeepsItsRequestId() {
        FrameReader.Result result = reader.read("{\"type\":\"teleport\",\"id\":\"r7\"}");
        assertThat(result).isInstanceOf(FrameReader.Broken.class);
        assertThat(((FrameReader.Broken) result).requestId()).isEqualTo("r7");
        assertThat(((FrameReader.Broken) result).problem()).contains("unknown frame type 'teleport'");
    }

    @Test
    void garbageIsBrokenWithoutId() {
        assertThat(reader.read("not json")).isInstanceOfSatisfying(FrameReader.Broken.class,
                b -> assertThat(b.requestId()).isNull());
    }
}
