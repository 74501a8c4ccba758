package dev.parley.testkit.contract;

import dev.parley.core.model.Update;
import dev.parley.core.port.UpdateListener;
import java.util.ArrayList;
import java.util.List;

/** An {@link UpdateListener} that keeps everything it receives, in arrival order. Thread-safe. */
public final class RecordingListener implements UpdateListener {
    private final List<Update> received = new ArrayList<>();

    @Override
    public synchronized void appended(List<Update> updates) {
        received.addAll(updates);
    }

    /** Every entry received so far, in arrival order. */
    public synchronized List<Update> all() {
        return List.copyOf(received);
    }

    /** The entries of one user, in arrival order. */
    public synchronized List<Update> of(long userId) {
        return received.stream().filter(u -> u.userId() == userId).toList();
    }
}
