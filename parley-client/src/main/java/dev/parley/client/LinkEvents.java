package dev.parley.client;

/**
 * The transport callbacks of one connection: decodes text frames on the transport's thread and hands them, and
 * the connection's end, to the event loop tagged with their {@link Link}, so that the engine can recognise late
 * events of an old connection there.
 */
final class LinkEvents implements Transport.Handler {

    /** What the engine does with a frame of {@code link} (on the event loop). */
    interface Received {
        void received(Link link, FrameReader.Result frame);
    }

    /** What the engine does when {@code link} ended with {@code code} and {@code reason} (on the event loop). */
    interface Lost {
        void lost(Link link, int code, String reason);
    }

    private final Link link;
    private final FrameReader reader;
    private final EventLoop loop;
    private final Received received;
    private final Lost lost;

    LinkEvents(Link link, FrameReader reader, EventLoop loop, Received received, Lost lost) {
        this.link = link;
        this.reader = reader;
        this.loop = loop;
        this.received = received;
        this.lost = lost;
    }

    @Override
    public void onText(String text) {
        FrameReader.Result frame = reader.read(text);
        loop.post(() -> received.received(link, frame));
    }

    @Override
    public void onClosed(int code, String reason) {
        loop.post(() -> lost.lost(link, code, reason));
    }

    @Override
    public void onFailure(Throwable error) {
        loop.post(() -> lost.lost(link, Engine.ABNORMAL, Failures.describe(error)));
    }
}
