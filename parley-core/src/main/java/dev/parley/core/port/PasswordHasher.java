package dev.parley.core.port;

/** One-way password hashing (Argon2id in production). Implementations are thread-safe. */
public interface PasswordHasher {
    /** A self-describing hash (algorithm, parameters, salt, digest). */
    String hash(String password);

    boolean verify(String password, String hash);
}
