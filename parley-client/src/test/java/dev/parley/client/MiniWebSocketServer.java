package dev.parley.client;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal RFC 6455 server for tests: text frames, close, ping; one thread per connection. */
final class MiniWebSocketServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket socket;
    private final BlockingQueue<Peer> accepted = new LinkedBlockingQueue<>();

    MiniWebSocketServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("mini-ws-accept").start(this::acceptLoop);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }

    /** The next connection the client opened (handshake done). */
    Peer nextPeer() throws InterruptedException {
        Peer peer = accepted.poll(10, TimeUnit.SECONDS);
        if (peer == null) {
            throw new AssertionError("no WebSocket connection within 10 s");
        }
        return peer;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofPlatform().daemon().name("mini-ws-peer").start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try {
            Peer peer = new Peer(s);
            peer.handshake();
            accepted.add(peer);
            peer.readLoop();
        } catch (IOException e) {
            // connection ended
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The server side of one connection. */
    static final class Peer {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        volatile int closeCodeReceived = -1;
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** The next text frame from the client. */
        String next() throws InterruptedException {
            String text = received.poll(10, TimeUnit.SECONDS);
            if (text == null) {
                throw new AssertionError("no frame from the client within 10 s");
            }
            return text;
        }

        /** Skips frames until one contains {@code fragment}. */
        String nextContaining(String fragment) throws InterruptedException {
            String text;
            do {
                text = next();
            } while (!text.contains(fragment));
            return text;
        }

        void send(String json) throws IOException {
            frame(0x1, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        }

        void close(int code, String reason) throws IOException {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            frame(0x8, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
        }

        /** Drops the TCP connection without a close frame. */
        void drop() throws IOException {
            socket.close();
        }

        private void handshake() throws IOException {
            String key = null;
            for (String line = readLine(); !line.isEmpty(); line = readLine()) {
                if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                    key = line.substring(line.indexOf(':') + 1).trim();
                }
            }
            String accept;
            try {
                accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        private void readLoop() throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                in.readFully(mask);
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = b0 & 0x0f;
                if (opcode == 0x8) {
                    closeCodeReceived = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    frame(0x8, payload);
                    socket.close();
                    return;
                } else if (opcode == 0x9) {
                    frame(0xA, payload);
                } else if (opcode == 0x1 || opcode == 0x0) {
                    message.write(payload);
                    if ((b0 & 0x80) != 0) {
                        received.add(message.toString(StandardCharsets.UTF_8));
                        message.reset();
                    }
                }
            }
        }

        private synchronized void frame(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x80 | opcode);
            if (payload.length < 126) {
                frame.write(payload.length);
            } else if (payload.length < 65536) {
                frame.write(126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(127);
                frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
            }
            frame.write(payload);
            try {
                out.write(frame.toByteArray());
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            InputStream raw = in;
            for (int c = raw.read(); c != '\n'; c = raw.read()) {
                if (c < 0) {
                    throw new IOException("connection closed during the handshake");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }
}
