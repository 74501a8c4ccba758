package dev.parley.client.cli;

import dev.parley.client.Me;
import dev.parley.client.ParleyHttp;
import dev.parley.protocol.Views;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parley presence} (who is online, last seen) and {@code parley privacy} (who may see mine). */
final class PresenceCommands {
    private PresenceCommands() {
    }

    @Command(name = "presence", description = "Show whether users are online, or when they were last seen.")
    static final class Presence extends ConnectedCommand {
        /** Most users in one request (fixed by the protocol). */
        static final int MAX_USERS = 100;

        @Parameters(arity = "1..*", paramLabel = "USER", converter = UserTarget.Converter.class,
                description = "@username or user id of each user.")
        List<UserTarget> users;

        @Override
        void validate() {
            if (users.size() > MAX_USERS) {
                throw new CliException("at most " + MAX_USERS + " users at a time, got " + users.size());
            }
        }

        @Override
        void run(Connected c) {
            List<Views.User> found = users.stream().map(target -> user(target, c)).toList();
            List<Long> ids = found.stream().map(Views.User::id).toList();
            List<Views.Presence> presences = await(c.client().watchPresence(ids), "asking for the presence of "
                    + users.size() + (users.size() == 1 ? " user" : " users"));
            table(found, presences, new PresenceLines(env().clock(), env().zone())).print(out());
        }

        /** One row per user, in the order asked: who, and their presence ("unknown" when the server sent none). */
        static Table table(List<Views.User> users, List<Views.Presence> presences, PresenceLines lines) {
            Map<Long, Views.Presence> byUser = presences.stream()
                    .collect(Collectors.toMap(Views.Presence::userId, Function.identity(), (a, b) -> b));
            Table table = new Table("USER", "PRESENCE");
            for (Views.User user : users) {
                Views.Presence presence = byUser.get(user.id());
                table.row(UserNames.label(user), presence == null ? "unknown" : lines.describe(presence));
            }
            return table;
        }
    }

    /** Who may see my last seen or online status, as the CLI spells it. */
    enum Visibility {
        everyone, contacts, nobody
    }

    @Command(name = "privacy", description = {
            "Show or change who sees my read receipts, last seen and online status.",
            "Visibility is reciprocal: I see someone's last seen (online) only if their setting allows me and mine"
                    + " would allow them; \"contacts\" means my contacts."})
    static final class Privacy extends CliCommand {
        @Option(names = "--read-receipts", paramLabel = "true|false", arity = "1",
                description = "false: nobody sees when I read their direct messages, and I see nobody's.")
        Boolean readReceipts;

        @Option(names = "--last-seen", paramLabel = "WHO",
                description = "Who may see when I was last online: ${COMPLETION-CANDIDATES}.")
        Visibility lastSeen;

        @Option(names = "--online", paramLabel = "WHO",
                description = "Who may see that I am online now: ${COMPLETION-CANDIDATES}.")
        Visibility online;

        @Override
        public Integer call() {
            Profile profile = profiles().require();
            ParleyHttp http = http(profile.server());
            boolean change = readReceipts != null || lastSeen != null || online != null;
            Me me = change ? http.updateSettings(profile.token(), readReceipts, name(lastSeen), name(online))
                    : http.me(profile.token());
            describe(me.settings()).forEach(out()::println);
            out().flush();
            return 0;
        }

        private static String name(Visibility visibility) {
            return visibility == null ? null : visibility.name();
        }

        /** "read receipts: on", "last seen:     contacts", "online:        everyone". */
        static List<String> describe(Me.Settings settings) {
            return List.of(
                    "read receipts: " + (settings.readReceipts() ? "on" : "off"),
                    "last seen:     " + orUnknown(settings.lastSeen()),
                    "online:        " + orUnknown(settings.online()));
        }

        private static String orUnknown(String value) {
            return value == null ? "unknown (the server does not report it)" : value;
        }
    }
}
