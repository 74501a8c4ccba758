package dev.parley.client.cli;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.Views;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley group create|add|remove|leave|role|owner|edit|settings}: a group's membership, roles, info and
 * settings. Each change prints what happened and the seq of the system entry that announces it.
 */
final class GroupCommands {
    private GroupCommands() {
    }

    /** " (#7)": where a change landed in the chat. */
    static String at(ServerFrame.Changed changed) {
        return " (#" + changed.seq() + ")";
    }

    /** A subcommand addressing one group by its chat id. */
    abstract static class OnGroup extends ConnectedCommand {
        @Parameters(index = "0", paramLabel = "CHAT", converter = ChatTarget.IdConverter.class,
                description = "The group's chat id.")
        long chatId;
    }

    @Command(name = "create", description = "Create a group with me as its owner; prints its chat id.")
    static final class Create extends ConnectedCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The group's name, 1-100 characters (quote spaces).")
        String name;

        @Option(names = "--member", paramLabel = "USER", arity = "1..*", split = ",", converter = UserTarget.Converter.class,
                description = "A member to add: @username or a user id; repeat it, or list several.")
        List<UserTarget> members = new ArrayList<>();

        @Option(names = "--description", paramLabel = "TEXT", description = "What the group is about.")
        String description;

        @Option(names = "--avatar", paramLabel = "REF", description = "An avatar reference (a URL, say).")
        String avatar;

        @Option(names = "--only-admins-send", description = "Only admins may send messages.")
        boolean onlyAdminsSend;

        @Option(names = "--only-admins-edit", description = "Only admins may change the name, description and avatar.")
        boolean onlyAdminsEdit;

        @Override
        void run(Connected c) {
            Views.Chat chat = await(c.client().createGroup(name, description, avatar, userIds(members, c),
                    onlyAdminsSend ? true : null, onlyAdminsEdit ? true : null), "creating group '" + name + "'");
            int count = chat.members() == null ? 0 : chat.members().size();
            say("created group " + chat.id() + " \"" + chat.group().name() + "\" with " + count
                    + (count == 1 ? " member" : " members"));
        }
    }

    @Command(name = "add", description = "Add members to a group (admins).")
    static final class Add extends OnGroup {
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER", converter = UserTarget.Converter.class,
                description = "@username or user id of each user to add.")
        List<UserTarget> users;

        @Override
        void run(Connected c) {
            List<Long> ids = userIds(users, c);
            ServerFrame.Changed changed = await(c.client().addMembers(chatId, ids), "adding members to group " + chatId);
            say("added " + String.join(", ", ids.stream().map(c.names()::of).toList()) + " to group " + chatId + at(changed));
        }
    }

    @Command(name = "remove", description = "Remove a member from a group (admins; never the owner).")
    static final class Remove extends OnGroup {
        @Parameters(index = "1", paramLabel = "USER", converter = UserTarget.Converter.class,
                description = "@username or user id of the member.")
        UserTarget user;

        @Override
        void run(Connected c) {
            long id = userId(user, c);
            ServerFrame.Changed changed = await(c.client().removeMember(chatId, id), "removing " + user + " from group " + chatId);
            say("removed " + c.names().of(id) + " from group " + chatId + at(changed));
        }
    }

    @Command(name = "leave", description = "Leave a group (an owner hands ownership to an admin, else to a member).")
    static final class Leave extends OnGroup {
        @Override
        void run(Connected c) {
            ServerFrame.Changed changed = await(c.client().leaveGroup(chatId), "leaving group " + chatId);
            say("left group " + chatId + at(changed));
        }
    }

    /** The roles an admin can give. */
    enum Role {
        admin, member
    }

    @Command(name = "role", description = "Make a member an admin, or an admin a member again (admins).")
    static final class SetRole extends OnGroup {
        @Parameters(index = "1", paramLabel = "USER", converter = UserTarget.Converter.class,
                description = "@username or user id of the member.")
        UserTarget user;

        @Parameters(index = "2", paramLabel = "ROLE", description = "admin or member.")
        Role role;

        @Override
        void run(Connected c) {
            long id = userId(user, c);
            ServerFrame.Changed changed = await(c.client().setRole(chatId, id, role.name()),
                    "changing the role of " + user + " in group " + chatId);
            say(c.names().of(id) + (role == Role.admin ? " is now an admin" : " is no longer an admin") + " of group "
                    + chatId + at(changed));
        }
    }

    @Command(name = "owner", description = "Hand the group's ownership to another member (owner); I become an admin.")
    static final class Owner extends OnGroup {
        @Parameters(index = "1", paramLabel = "USER", converter = UserTarget.Converter.class,
                description = "@username or user id of the new owner.")
        UserTarget user;

        @Override
        void run(Connected c) {
            long id = userId(user, c);
            ServerFrame.Changed changed = await(c.client().transferOwnership(chatId, id),
                    "handing group " + chatId + " to " + user);
            say(c.names().of(id) + " is now the owner of group " + chatId + at(changed));
        }
    }

    @Command(name = "edit", description = "Change a group's name, description or avatar (\"\" clears description and avatar).")
    static final class Edit extends OnGroup {
        @Option(names = "--name", paramLabel = "NAME", description = "The new name, 1-100 characters.")
        String name;

        @Option(names = "--description", paramLabel = "TEXT", description = "The new description.")
        String description;

        @Option(names = "--avatar", paramLabel = "REF", description = "The new avatar reference.")
        String avatar;

        @Override
        void validate() {
            if (name == null && description == null && avatar == null) {
                throw new CliException("nothing to change: give --name, --description or --avatar");
            }
        }

        @Override
        void run(Connected c) {
            ServerFrame.Changed changed = await(c.client().editGroup(chatId, name, description, avatar),
                    "editing group " + chatId);
            say("updated the info of group " + chatId + at(changed));
        }
    }

    @Command(name = "settings", description = "Change who may send and who may edit the group info (admins).")
    static final class Settings extends OnGroup {
        @Option(names = "--only-admins-send", paramLabel = "true|false", arity = "1",
                description = "true: only admins may send messages.")
        Boolean onlyAdminsSend;

        @Option(names = "--only-admins-edit", paramLabel = "true|false", arity = "1",
                description = "true: only admins may change the name, description and avatar.")
        Boolean onlyAdminsEdit;

        @Override
        void validate() {
            if (onlyAdminsSend == null && onlyAdminsEdit == null) {
                throw new CliException("nothing to change: give --only-admins-send or --only-admins-edit");
            }
        }

        @Override
        void run(Connected c) {
            ServerFrame.Changed changed = await(c.client().setGroupSettings(chatId, onlyAdminsSend, onlyAdminsEdit),
                    "changing the settings of group " + chatId);
            say("updated the settings of group " + chatId + at(changed));
        }
    }
}
