package dev.parley.server.media;

import dev.parley.core.model.MediaItem;
import dev.parley.protocol.Views;
import dev.parley.server.ws.ViewMapper;

/** The wire form of a media item (the same object messages carry). */
public final class MediaViews {
    private MediaViews() {
    }

    public static Views.Media of(MediaItem item) {
        return ViewMapper.media(item.ref());
    }
}
