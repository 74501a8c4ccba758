package dev.parley.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.Signal;
import dev.parley.core.model.Update;
import dev.parley.core.port.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessConnectionRegistryTest {
    private final InProcessConnectionRegistry registry = new InProcessConnectionRegistry();

    @Test
    void registersAndUnregistersEachConnectionOfAUser() {
        Fake a = new Fake(1, 10);
        Fake b = new Fake(1, 11);
        Fake c = new Fake(1, 12);
        registry.register(a);
        registry.register(b);
        registry.register(c);
        assertThat(registry.connectionsOf(1)).containsExactly(a, b, c);
        assertThat(registry.size()).isEqualTo(3);

        registry.unregister(b);
        registry.unregister(b);
        assertThat(registry.connectionsOf(1)).containsExactly(a, c);
        assertThat(registry.size()).isEqualTo(2);

        registry.unregister(a);
        registry.unregister(c);
        assertThat(registry.connectionsOf(1)).isEmpty();
        assertThat(registry.size()).isZero();
    }

    @Test
    void closeDeviceClosesOnlyThatDevicesConnections() {
        Fake a = new Fake(1, 10);
        Fake b = new Fake(1, 11);
        registry.register(a);
        registry.register(b);
        registry.closeDevice(1, 11, Connection.CloseReason.DEVICE_REVOKED);
        assertThat(a.closed).isEmpty();
        assertThat(b.closed).containsExactly(Connection.CloseReason.DEVICE_REVOKED);
    }

    @Test
    void closeAllClosesEveryConnection() {
        Fake a = new Fake(1, 10);
        Fake b = new Fake(2, 20);
        registry.register(a);
        registry.register(b);
        registry.closeAll(Connection.CloseReason.SHUTDOWN);
        assertThat(a.closed).containsExactly(Connection.CloseReason.SHUTDOWN);
        assertThat(b.closed).containsExactly(Connection.CloseReason.SHUTDOWN);
    }

    private static final class Fake implements Connection {
        final long userId;
        final long deviceId;
        final List<CloseReason> closed = new ArrayList<>();

        Fake(long userId, long deviceId) {
            this.userId = userId;
            this.deviceId = deviceId;
        }

        @Override
        public long userId() {
            return userId;
        }

        @Override
        public long deviceId() {
            return deviceId;
        }

        @Override
        public void offer(List<Update> updates) {
        }

        @Override
        public void close(CloseReason reason) {
            closed.add(reason);
        }

        @Override
        public void signal(Signal signal) {
        }
    }
}
