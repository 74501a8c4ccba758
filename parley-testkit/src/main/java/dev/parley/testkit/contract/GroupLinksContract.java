package dev.parley.testkit.contract;

import static dev.parley.testkit.contract.GroupCommands.remove;
import static dev.parley.testkit.contract.GroupCommands.setRole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.parley.core.model.Chat;
import dev.parley.core.model.Event.JoinRequested;
import dev.parley.core.model.Invite;
import dev.parley.core.model.JoinRequest;
import dev.parley.core.model.Role;
import dev.parley.core.model.Update;
import dev.parley.core.port.GroupStore;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link GroupStore}'s invite links and join requests. Fixture: alice (OWNER) created a group
 * with bob (promoted to ADMIN), carol (MEMBER) and erin (an ADMIN who was removed).
 */
public abstract class GroupLinksContract extends StoreContractSupport {
    private Account alice;
    private Account bob;
    private Account carol;
    private Account erin;
    private Chat chat;

    private GroupStore groups() {
        return stores.groups();
    }

    @BeforeEach
    void aGroupWithAnOwnerAnAdminAMemberAndAFormerAdmin() {
        alice = account("alice");
        bob = account("bob");
        carol = account("carol");
        erin = account("erin");
        chat = group(alice, bob, carol, erin);
        apply(chat, alice, setRole(alice.id(), bob.id(), Role.ADMIN));
        apply(chat, alice, setRole(alice.id(), erin.id(), Role.ADMIN));
        apply(chat, alice, remove(alice.id(), erin.id()));
    }

    @Test
    void invitesAreStoredAndListedNewestFirst() {
        Instant first = now();
        Invite open = groups().createInvite(chat.id(), alice.id(), "code-open", false, first);
        Invite approval = groups().createInvite(chat.id(), bob.id(), "code-approval", true, now());

        assertThat(open).isEqualTo(new Invite("code-open", chat.id(), alice.id(), false, first, null));
        assertThat(open.valid()).isTrue();
        assertThat(approval.approvalRequired()).isTrue();
        assertThat(groups().invite("code-open")).contains(open);
        assertThat(groups().invite("no-such-code")).isEmpty();
        assertThat(groups().invites(chat.id())).containsExactly(approval, open);
        assertThat(groups().invites(424242)).isEmpty();
    }

    @Test
    void aRevokedInviteIsKeptButNoLongerListed() {
        Invite open = groups().createInvite(chat.id(), alice.id(), "code-open", false, now());
        Instant revokedAt = now();

        assertThat(groups().revokeInvite(424242, "code-open", revokedAt)).as("another chat's code").isFalse();
        assertThat(groups().revokeInvite(chat.id(), "code-open", revokedAt)).isTrue();
        assertThat(groups().revokeInvite(chat.id(), "code-open", now())).as("already revoked").isFalse();
        assertThat(groups().revokeInvite(chat.id(), "no-such-code", now())).isFalse();

        Invite revoked = groups().invite("code-open").orElseThrow();
        assertThat(revoked).isEqualTo(new Invite("code-open", chat.id(), alice.id(), false, open.createdAt(),
                revokedAt));
        assertThat(revoked.valid()).isFalse();
        assertThat(groups().invites(chat.id())).isEmpty();
    }

    @Test
    void invitesOfADirectChatAreRefused() {
        Chat direct = direct(alice, bob);

        assertThatThrownBy(() -> groups().createInvite(direct.id(), alice.id(), "direct-code", false, now()))
                .isInstanceOf(RuntimeException.class);
        assertThat(groups().invite("direct-code")).isEmpty();
    }

    @Test
    void aJoinRequestIsStoredAndToldToTheActiveOwnerAndAdminsOnly() {
        groups().createInvite(chat.id(), alice.id(), "code", true, now());
        Account dave = account("dave");
        long carolHead = stores.updates().head(carol.id());
        long erinHead = stores.updates().head(erin.id());
        Instant at = now();

        JoinRequest request = groups().requestJoin(chat.id(), dave.id(), "code", at);

        assertThat(request).isEqualTo(new JoinRequest(chat.id(), dave.id(), "code", at));
        assertThat(groups().joinRequests(chat.id())).containsExactly(request);
        for (Account admin : new Account[] {alice, bob}) {
            long head = stores.updates().head(admin.id());
            assertThat(stream(admin.id())).last()
                    .isEqualTo(new Update(admin.id(), head, new JoinRequested(chat.id(), dave.id())));
        }
        assertThat(stores.updates().head(carol.id())).as("a plain member").isEqualTo(carolHead);
        assertThat(stores.updates().head(erin.id())).as("a removed admin").isEqualTo(erinHead);
        assertThat(stores.updates().head(dave.id())).as("the requester").isZero();
        await().untilAsserted(() -> assertThat(listener.of(bob.id())).isEqualTo(stream(bob.id())));
    }

    @Test
    void requestingAgainReturnsThePendingRequestAndTellsNobodyAgain() {
        groups().createInvite(chat.id(), alice.id(), "code", true, now());
        Account dave = account("dave");
        JoinRequest first = groups().requestJoin(chat.id(), dave.id(), "code", now());
        long aliceHead = stores.updates().head(alice.id());

        JoinRequest again = groups().requestJoin(chat.id(), dave.id(), "code", now());

        assertThat(again).isEqualTo(first);
        assertThat(groups().joinRequests(chat.id())).containsExactly(first);
        assertThat(stores.updates().head(alice.id())).isEqualTo(aliceHead);
    }

    @Test
    void joinRequestsAreListedOldestFirstAndRemovedOnce() {
        groups().createInvite(chat.id(), alice.id(), "code", true, now());
        Account dave = account("dave");
        Account frank = account("frank");
        JoinRequest fromFrank = groups().requestJoin(chat.id(), frank.id(), "code", now());
        JoinRequest fromDave = groups().requestJoin(chat.id(), dave.id(), "code", now());

        assertThat(groups().joinRequests(chat.id())).containsExactly(fromFrank, fromDave);
        assertThat(groups().removeJoinRequest(chat.id(), frank.id())).isTrue();
        assertThat(groups().removeJoinRequest(chat.id(), frank.id())).isFalse();
        assertThat(groups().removeJoinRequest(chat.id(), carol.id())).as("never asked").isFalse();
        assertThat(groups().joinRequests(chat.id())).containsExactly(fromDave);
        assertThat(groups().joinRequests(424242)).isEmpty();
    }
}
