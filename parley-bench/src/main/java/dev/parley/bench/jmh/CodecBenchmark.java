package dev.parley.bench.jmh;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.parley.bench.client.FrameScanner;
import dev.parley.bench.client.Inbound;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ProtocolException;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The protocol codec on the per-message path of the server: decoding a {@code send} (every message), encoding
 * {@code accepted} (every message) and encoding the {@code update} carrying a message (once per recipient
 * device — the fan-out multiplies this one). For comparison, decoding the same update with FrameCodec (what a
 * Java client does) and with the load generator's streaming {@link FrameScanner}, and two encodings the server does
 * not use (yet): one pass instead of FrameCodec's tree building, and a shared pre-encoded event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CodecBenchmark {
    private static final String TEXT = "Parley bench message: the quick brown fox jumps over the lazy dog 0123456789. "
            + "Parley bench m";

    private FrameCodec codec;
    private String sendJson;
    private ServerFrame.Accepted accepted;
    private ServerFrame.Update update;
    private String updateJson;
    private byte[] updateBytes;
    private String eventJson;
    private static final byte[] UPDATE_PREFIX = "{\"type\":\"update\",".getBytes(StandardCharsets.UTF_8);
    private FrameScanner scanner;
    private Inbound inbound;

    @Setup
    public void setup() {
        codec = new FrameCodec();
        sendJson = codec.encode(new ClientFrame.Send(null, 4711, "ld3k2a9f.1c", null, TEXT, null));
        accepted = new ServerFrame.Accepted(null, 4711, 1234, "01a204af-55f9-732a-b9dd-f563d0d1607c", "ld3k2a9f.1c",
                1795374929401L);
        update = new ServerFrame.Update(98765, new Views.MessageEvent(new Views.Message(4711, 1234,
                "01a204af-55f9-732a-b9dd-f563d0d1607c", 17, 17, "ld3k2a9f.1c", "text", TEXT, null, 1795374929401L, null)));
        updateJson = codec.encode(update);
        updateBytes = updateJson.getBytes(StandardCharsets.UTF_8);
        try {
            eventJson = codec.mapper().writeValueAsString(update.event());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        scanner = new FrameScanner(false);
        inbound = new Inbound();
    }

    @Benchmark
    public ClientFrame decodeSend() throws ProtocolException {
        return codec.decodeClient(sendJson);
    }

    @Benchmark
    public String encodeAccepted() {
        return codec.encode(accepted);
    }

    @Benchmark
    public String encodeMessageUpdate() {
        return codec.encode(update);
    }

    /**
     * Not the server's code: the same frame serialized in one pass (the record straight to JSON, the type spliced
     * in front) instead of FrameCodec's record → tree → merged tree → String. What a one-pass encoder would cost.
     */
    @Benchmark
    public byte[] encodeMessageUpdateOnePass() throws JsonProcessingException {
        byte[] body = codec.mapper().writeValueAsBytes(update);
        byte[] out = new byte[UPDATE_PREFIX.length + body.length - 1];
        System.arraycopy(UPDATE_PREFIX, 0, out, 0, UPDATE_PREFIX.length);
        System.arraycopy(body, 1, out, UPDATE_PREFIX.length, body.length - 1);
        return out;
    }

    /**
     * Not the server's code: the event encoded once per message and only the cursor written per recipient — what a
     * fan-out to N devices would cost per recipient if the encoded event were shared.
     */
    @Benchmark
    public String encodeMessageUpdateSharedEvent() {
        return "{\"type\":\"update\",\"cursor\":" + update.cursor() + ",\"event\":" + eventJson + "}";
    }

    @Benchmark
    public ServerFrame decodeMessageUpdate() throws ProtocolException {
        return codec.decodeServer(updateJson);
    }

    @Benchmark
    public Inbound scanMessageUpdate() throws IOException {
        scanner.scan(updateBytes, updateBytes.length, inbound);
        return inbound;
    }
}
