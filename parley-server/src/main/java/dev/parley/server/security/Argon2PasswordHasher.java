package dev.parley.server.security;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import dev.parley.core.port.PasswordHasher;

/** Argon2id via password4j; hashes are PHC strings ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}). */
public final class Argon2PasswordHasher implements PasswordHasher {
    private final Argon2Function function;

    public Argon2PasswordHasher(int memoryKib, int iterations, int parallelism) {
        this.function = Argon2Function.getInstance(memoryKib, iterations, parallelism, 32, Argon2.ID);
    }

    @Override
    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(function).getResult();
    }

    @Override
    public boolean verify(String password, String hash) {
        try {
            return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
