package dev.parley.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.port.AccountStore;
import dev.parley.core.port.ConnectionRegistry;
import dev.parley.core.port.PasswordHasher;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Login timing equalization with a lazily made dummy hash: an unknown login still costs one verification. */
class AccountServiceTimingTest {
    private final CountingHasher hasher = new CountingHasher();
    private final AccountService accounts = new AccountService(nothingStored(AccountStore.class), hasher,
            new Tokens(new SecureRandom()), nothingStored(ConnectionRegistry.class), Clock.systemUTC());

    @Test
    void startingMakesNoHash() {
        assertThat(hasher.calls).isEmpty();
    }

    @Test
    void anUnknownLoginIsVerifiedAgainstTheDummyHashMadeOnFirstNeed() {
        assertThatThrownBy(() -> accounts.login("nobody", "some password", "phone"))
                .isInstanceOf(ServiceException.class).hasMessageContaining("wrong");
        assertThat(hasher.calls).containsExactly("hash", "verify");

        assertThatThrownBy(() -> accounts.login("+15550001111", "another one", "phone"))
                .isInstanceOf(ServiceException.class);
        assertThat(hasher.calls).containsExactly("hash", "verify", "verify");
    }

    @Test
    void preparedAheadTheFirstUnknownLoginCostsExactlyOneVerification() {
        accounts.prepareTimingEqualizer();
        accounts.prepareTimingEqualizer();
        assertThat(hasher.calls).containsExactly("hash");

        assertThatThrownBy(() -> accounts.login("nobody", "some password", "phone"))
                .isInstanceOf(ServiceException.class);
        assertThat(hasher.calls).containsExactly("hash", "verify");
    }

    /** A port whose every lookup finds nothing (Optional.empty, empty list, 0, false, null). */
    private static <T> T nothingStored(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            Class<?> type = method.getReturnType();
            if (type == Optional.class) {
                return Optional.empty();
            }
            if (type == List.class) {
                return List.of();
            }
            if (type == boolean.class) {
                return false;
            }
            if (type == int.class || type == long.class) {
                return type == int.class ? (Object) 0 : (Object) 0L;
            }
            return null;
        }));
    }

    private static final class CountingHasher implements PasswordHasher {
        final List<String> calls = new ArrayList<>();

        @Override
        public synchronized String hash(String password) {
            calls.add("hash");
            return "h:" + password;
        }

        @Override
        public synchronized boolean verify(String password, String hash) {
            calls.add("verify");
            return hash.equals("h:" + password);
        }
    }
}
