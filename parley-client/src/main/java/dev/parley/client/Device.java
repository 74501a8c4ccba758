package dev.parley.client;

/**
 * One logged-in device of the user, as listed by {@link ParleyHttp#devices}.
 *
 * @param id        the device id
 * @param name      the name given at login
 * @param createdAt login time, epoch milliseconds
 * @param current   true for the device whose token made the call
 */
public record Device(long id, String name, long createdAt, boolean current) {
}
