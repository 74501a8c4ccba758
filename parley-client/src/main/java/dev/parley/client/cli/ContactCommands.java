package dev.parley.client.cli;

import dev.parley.protocol.Views;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley contacts}, {@code contact add|remove}, {@code block}, {@code unblock}, {@code blocked} and
 * {@code lookup}: my contact list, blocking, and which phone numbers are on Parley.
 */
final class ContactCommands {
    private ContactCommands() {
    }

    @Command(name = "contacts", description = "List my contacts: user id, the name I gave them, who they are.")
    static final class Contacts extends ConnectedCommand {
        @Override
        void run(Connected c) {
            List<Views.Contact> contacts = await(c.client().contacts(), "listing contacts");
            if (contacts.isEmpty()) {
                say("no contacts yet (add one: parley contact add @username)");
            } else {
                table(contacts).print(out());
            }
        }

        static Table table(List<Views.Contact> contacts) {
            Table table = new Table("ID", "NAME", "USER");
            contacts.forEach(c -> table.row(c.user().id(), c.name(), UserNames.label(c.user())));
            return table;
        }
    }

    @Command(name = "contact", mixinStandardHelpOptions = true,
            description = "Add people to my contacts or remove them.", subcommands = {Add.class, Remove.class})
    static final class Contact implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        /** Without a subcommand: prints the usage to stderr; exit code 2. */
        @Override
        public Integer call() {
            CliEnvironment env = ((ParleyCli) spec.root().userObject()).env();
            spec.commandLine().usage(env.err());
            env.err().flush();
            return 2;
        }
    }

    /** A subcommand addressing one user. */
    abstract static class OnUser extends ConnectedCommand {
        @Parameters(index = "0", paramLabel = "USER", converter = UserTarget.Converter.class,
                description = "@username or user id.")
        UserTarget user;
    }

    @Command(name = "add", description = "Add a user to my contacts (or rename a contact).")
    static final class Add extends OnUser {
        @Option(names = "--name", paramLabel = "NAME", description = "My name for them, at most 64 characters "
                + "(default: their display name).")
        String name;

        @Override
        void validate() {
            if (name != null && (name.isBlank() || name.length() > 64)) {
                throw new CliException("--name must have 1-64 characters, got " + name.length());
            }
        }

        @Override
        void run(Connected c) {
            long id = userId(user, c);
            await(c.client().addContact(id, name), "adding " + user + " to my contacts");
            say("added " + c.names().of(id) + " to your contacts" + (name == null ? "" : " as \"" + name + "\""));
        }
    }

    @Command(name = "remove", description = "Remove a user from my contacts.")
    static final class Remove extends OnUser {
        @Override
        void run(Connected c) {
            long id = userId(user, c);
            await(c.client().removeContact(id), "removing " + user + " from my contacts");
            say("removed " + c.names().of(id) + " from your contacts");
        }
    }

    @Command(name = "block", description = "Block a user: no more direct messages from them, no presence either way.")
    static final class Block extends OnUser {
        @Override
        void run(Connected c) {
            long id = userId(user, c);
            await(c.client().block(id), "blocking " + user);
            say("blocked " + c.names().of(id) + ": they cannot message you in direct chats, and neither of you sees"
                    + " the other's presence (groups are not affected)");
        }
    }

    @Command(name = "unblock", description = "Unblock a user.")
    static final class Unblock extends OnUser {
        @Override
        void run(Connected c) {
            long id = userId(user, c);
            await(c.client().unblock(id), "unblocking " + user);
            say("unblocked " + c.names().of(id));
        }
    }

    @Command(name = "blocked", description = "List the users I blocked.")
    static final class Blocked extends ConnectedCommand {
        @Override
        void run(Connected c) {
            List<Views.User> users = await(c.client().blocked(), "listing blocked users");
            if (users.isEmpty()) {
                say("nobody is blocked");
                return;
            }
            Table table = new Table("ID", "USER");
            users.forEach(u -> table.row(u.id(), UserNames.label(u)));
            table.print(out());
        }
    }

    @Command(name = "lookup", description = "Which of these phone numbers (E.164, e.g. +14155550123) are on Parley.")
    static final class Lookup extends ConnectedCommand {
        /** Most numbers in one request (the server's default limit). */
        static final int MAX_PHONES = 1000;

        @Parameters(arity = "1..*", paramLabel = "PHONE", description = "Phone numbers in E.164 form.")
        List<String> phones;

        @Override
        void validate() {
            if (phones.size() > MAX_PHONES) {
                throw new CliException("at most " + MAX_PHONES + " numbers at a time, got " + phones.size());
            }
        }

        @Override
        void run(Connected c) {
            List<Views.PhoneMatch> matches = await(c.client().lookupPhones(phones), "looking up " + phones.size()
                    + (phones.size() == 1 ? " number" : " numbers"));
            table(phones, matches).print(out());
            say(summary(phones, matches));
        }

        /** One row per number asked (in order, once each) and per match the server normalized: "-" when nobody. */
        static Table table(List<String> asked, List<Views.PhoneMatch> matches) {
            Map<String, Views.User> byPhone = new LinkedHashMap<>();
            matches.forEach(m -> byPhone.put(m.phone(), m.user()));
            List<String> rows = new ArrayList<>(new LinkedHashSet<>(asked));
            byPhone.keySet().stream().filter(phone -> !rows.contains(phone)).forEach(rows::add);
            Table table = new Table("PHONE", "ID", "USER");
            for (String phone : rows) {
                Views.User user = byPhone.get(phone);
                table.row(phone, user == null ? "-" : user.id(), user == null ? "-" : UserNames.label(user));
            }
            return table;
        }

        static String summary(List<String> asked, List<Views.PhoneMatch> matches) {
            int all = new LinkedHashSet<>(asked).size();
            return matches.size() + " of " + all + (all == 1 ? " number is" : " numbers are") + " on Parley";
        }
    }
}
