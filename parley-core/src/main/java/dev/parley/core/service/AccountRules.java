package dev.parley.core.service;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Validation of account fields; each failure names the value and what was expected. */
final class AccountRules {
    static final int MIN_PASSWORD = 8;
    static final int MAX_PASSWORD = 128;
    private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9_.]{2,31}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Set<String> COMMON = Set.of("password", "password1", "12345678", "123456789",
            "1234567890", "qwertyui", "qwerty123", "iloveyou", "11111111", "abc12345", "letmein1", "passw0rd",
            "admin123", "welcome1", "00000000", "87654321");

    private AccountRules() {
    }

    /** Lower-cased username, or null when absent. */
    static String username(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        String name = raw.toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new ServiceException(Failure.INVALID_USERNAME, "username '" + raw
                    + "' must be 3-32 characters: a letter, then letters, digits, '_' or '.'");
        }
        return name;
    }

    static String phone(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        if (!E164.matcher(raw).matches()) {
            throw new ServiceException(Failure.INVALID_PHONE,
                    "phone '" + raw + "' must be in E.164 form: '+', country code, number, 7-15 digits in all");
        }
        return raw;
    }

    static void checkPassword(String password, String username) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new ServiceException(Failure.WEAK_PASSWORD, "password must have at least " + MIN_PASSWORD + " characters");
        }
        if (password.length() > MAX_PASSWORD) {
            throw new ServiceException(Failure.WEAK_PASSWORD, "password must have at most " + MAX_PASSWORD + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || password.chars().distinct().count() < 4) {
            throw new ServiceException(Failure.WEAK_PASSWORD, "password is too common or too repetitive");
        }
        if (username != null && lower.contains(username)) {
            throw new ServiceException(Failure.WEAK_PASSWORD, "password must not contain the username");
        }
    }

    static String displayName(String raw, String fallback) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            return fallback;
        }
        if (name.length() > 64) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "displayName must be at most 64 characters, got " + name.length());
        }
        return name;
    }

    static String deviceName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) {
            return "device";
        }
        if (name.length() > 64) {
            throw new ServiceException(Failure.INVALID_ARGUMENT, "deviceName must be at most 64 characters, got " + name.length());
        }
        return name;
    }
}
