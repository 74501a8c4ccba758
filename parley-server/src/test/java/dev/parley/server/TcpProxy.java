package dev.parley.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback in front of the server that a test can unplug: {@link #cut()} drops every open connection
 * and refuses new ones until {@link #restore()} (a device going offline with nothing but a broken network to tell);
 * {@link #cutUpstreamAfter} / {@link #cutDownstreamAfter} drop a connection part-way through a transfer, once. It
 * notes the {@code Upload-Offset} of every request it forwards.
 */
public final class TcpProxy implements AutoCloseable {
    private static final Pattern UPLOAD_OFFSET = Pattern.compile("\r\nUpload-Offset: (\\d+)\r\n",
            Pattern.CASE_INSENSITIVE);

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<Long> uploadOffsets = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private long upstreamLeft = -1;
    private long downstreamLeft = -1;
    private boolean refuseAfterCut;
    private volatile boolean down;

    public TcpProxy(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress("127.0.0.1", 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().start(this::acceptLoop);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** Drops the connection that carries the {@code bytes}-th byte towards the server from now on. */
    public void cutUpstreamAfter(long bytes) {
        synchronized (lock) {
            upstreamLeft = bytes;
        }
    }

    /**
     * Drops the connection that carries the {@code bytes}-th byte towards the client from now on; with
     * {@code thenRefuse}, refuses every connection after that until {@link #restore()}.
     */
    public void cutDownstreamAfter(long bytes, boolean thenRefuse) {
        synchronized (lock) {
            downstreamLeft = bytes;
            refuseAfterCut = thenRefuse;
        }
    }

    /** Drops every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        down = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    public void restore() {
        down = false;
    }

    /** The {@code Upload-Offset} header of every request forwarded so far, in order. */
    public List<Long> uploadOffsets() {
        return List.copyOf(uploadOffsets);
    }

    @Override
    public void close() {
        down = true;
        open.forEach(TcpProxy::closeQuietly);
        closeQuietly(listener);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (down) {
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket("127.0.0.1", upstreamPort);
                open.add(client);
                open.add(upstream);
                if (down) {
                    // cut() ran while this connection was being set up, before it was in the open set
                    closeQuietly(client);
                    closeQuietly(upstream);
                    continue;
                }
                Thread.ofVirtual().start(() -> pipe(client, upstream, true));
                Thread.ofVirtual().start(() -> pipe(upstream, client, false));
            } catch (IOException e) {
                // listener closed, or upstream refused: the client sees a dropped connection
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean towardsServer) {
        byte[] buffer = new byte[16 * 1024];
        String tail = "";
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (towardsServer) {
                    tail = noteOffsets(tail, buffer, n);
                }
                int pass = allowance(towardsServer, n);
                out.write(buffer, 0, pass);
                out.flush();
                if (pass < n) {
                    break;
                }
            }
        } catch (IOException e) {
            // the other side closed, or we cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** How many of {@code n} bytes may pass before a cut (n when no cut is due). */
    private int allowance(boolean towardsServer, int n) {
        synchronized (lock) {
            long left = towardsServer ? upstreamLeft : downstreamLeft;
            if (left < 0) {
                return n;
            }
            if (left >= n) {
                if (towardsServer) {
                    upstreamLeft -= n;
                } else {
                    downstreamLeft -= n;
                }
                return n;
            }
            if (towardsServer) {
                upstreamLeft = -1;
            } else {
                downstreamLeft = -1;
                down = refuseAfterCut;
            }
            return (int) left;
        }
    }

    private String noteOffsets(String tail, byte[] buffer, int n) {
        String text = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        Matcher m = UPLOAD_OFFSET.matcher(text);
        int end = 0;
        while (m.find()) {
            uploadOffsets.add(Long.parseLong(m.group(1)));
            end = m.end();
        }
        String rest = text.substring(end);
        return rest.length() > 64 ? rest.substring(rest.length() - 64) : rest;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // already closed
        }
    }
}
