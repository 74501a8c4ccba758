package dev.parley.core.model;

/** Who is calling: the result of authenticating a bearer token. */
public record DeviceIdentity(long userId, long deviceId) {
}
