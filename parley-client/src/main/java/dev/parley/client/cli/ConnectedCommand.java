package dev.parley.client.cli;

import dev.parley.client.Listener;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyHttp;
import dev.parley.protocol.Views;
import java.util.List;

/**
 * A subcommand that does its work over the WebSocket: checks its arguments, connects with the saved login,
 * runs, closes. Output goes through {@link #out()}.
 */
abstract class ConnectedCommand extends CliCommand {

    /** The logged-in connection a command runs with; {@code names} prints users ("me" for myself). */
    record Connected(Profile profile, ParleyClient client, UserNames names) {
    }

    /** Checks the arguments before connecting; throws {@link CliException} for a bad combination. */
    void validate() {
    }

    /** Does the command's work. */
    abstract void run(Connected c);

    @Override
    public final Integer call() {
        validate();
        ProfileStore store = profiles();
        Profile profile = store.require();
        try (ParleyClient client = connect(profile, store, new Listener() {
        })) {
            run(new Connected(profile, client,
                    new UserNames(profile.userId(), id -> http(profile.server()).userById(profile.token(), id))));
        }
        out().flush();
        return 0;
    }

    /** The id of {@code target}, looking the username up (and remembering the user's name). */
    long userId(UserTarget target, Connected c) {
        if (target.userId() != null) {
            return target.userId();
        }
        Views.User user = http(c.profile().server()).userByUsername(c.profile().token(), target.username());
        c.names().remember(user);
        return user.id();
    }

    /** The user {@code target} names, looked up over HTTP (and remembered for printing). */
    Views.User user(UserTarget target, Connected c) {
        ParleyHttp http = http(c.profile().server());
        Views.User user = target.userId() != null ? http.userById(c.profile().token(), target.userId())
                : http.userByUsername(c.profile().token(), target.username());
        c.names().remember(user);
        return user;
    }

    List<Long> userIds(List<UserTarget> targets, Connected c) {
        return targets.stream().map(t -> userId(t, c)).toList();
    }

    /** Prints one line. */
    void say(String line) {
        out().println(line);
    }

    /** A new line printer for message times. */
    MessageLines lines(Connected c) {
        return new MessageLines(env().clock(), env().zone(), c.names());
    }
}
