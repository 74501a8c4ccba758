package dev.parley.core.model;

/** A group chat's own data (its members are {@link Member} rows of the same chat). */
public record Group(long chatId, GroupInfo info, GroupSettings settings, long createdBy, int maxMembers) {
}
