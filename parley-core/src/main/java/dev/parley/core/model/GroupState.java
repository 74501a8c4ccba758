package dev.parley.core.model;

import java.util.List;

/** A group as a {@code GroupCommand} sees it inside the sequencing step: consistent with the chat's lastSeq. */
public record GroupState(Group group, List<Member> activeMembers, long lastSeq) {

    public java.util.Optional<Member> active(long userId) {
        return activeMembers.stream().filter(m -> m.userId() == userId).findFirst();
    }
}
