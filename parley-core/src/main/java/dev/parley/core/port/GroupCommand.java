package dev.parley.core.port;

import dev.parley.core.model.GroupChange;
import dev.parley.core.model.GroupState;

/**
 * A group operation's rules, evaluated by the store inside the sequencing step against the group's state at
 * that moment — so authorization and membership are linearizable with the messages (ARCHITECTURE.md §2.5).
 * Pure: no I/O. To refuse, throw (the store rolls the step back and rethrows the exception unchanged to the
 * caller of {@link GroupStore#apply}).
 */
@FunctionalInterface
public interface GroupCommand {
    GroupChange decide(GroupState state);
}
