package dev.parley.client;

import java.util.Objects;

/**
 * What {@link ParleyHttp#register} sends. At least one of username and phone is required.
 *
 * @param username    username, or null
 * @param phone       E.164 phone (for example {@code +14155550100}), or null
 * @param password    password
 * @param displayName display name
 */
public record NewAccount(String username, String phone, String password, String displayName) {
    public NewAccount {
        if (username == null && phone == null) {
            throw new IllegalArgumentException("a new account needs a username or a phone, got neither");
        }
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(displayName, "displayName");
    }

    /** An account identified by username. */
    public static NewAccount withUsername(String username, String password, String displayName) {
        return new NewAccount(Objects.requireNonNull(username, "username"), null, password, displayName);
    }

    /** An account identified by phone number. */
    public static NewAccount withPhone(String phone, String password, String displayName) {
        return new NewAccount(null, Objects.requireNonNull(phone, "phone"), password, displayName);
    }

    @Override
    public String toString() {
        return "NewAccount[username=" + username + ", phone=" + phone + ", displayName=" + displayName
                + ", password=<redacted>]";
    }
}
