package dev.parley.core.model;

/** Who may do what in a group. Defaults: everyone may send and edit the info. */
public record GroupSettings(boolean onlyAdminsSend, boolean onlyAdminsEdit) {
    public static final GroupSettings DEFAULTS = new GroupSettings(false, false);
}
