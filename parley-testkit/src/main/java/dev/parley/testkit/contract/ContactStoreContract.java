package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.core.model.Contact;
import dev.parley.core.model.User;
import dev.parley.core.port.ContactStore;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The contract of {@link ContactStore}: contact lists and blocks, both one-directional. */
public abstract class ContactStoreContract extends StoreContractSupport {
    private static final long UNKNOWN = 424242;

    private ContactStore contacts() {
        return stores.contacts();
    }

    @Test
    void addedContactIsReturnedListedAndKnown() {
        User alice = user("alice");
        User bob = user("bob");
        Instant at = now();

        Contact added = contacts().addContact(alice.id(), bob.id(), "Bobby", at);

        assertThat(added).isEqualTo(new Contact(alice.id(), bob.id(), "Bobby", at));
        assertThat(contacts().contacts(alice.id())).containsExactly(added);
        assertThat(contacts().isContact(alice.id(), bob.id())).isTrue();
    }

    @Test
    void contactsAreOneDirectional() {
        User alice = user("alice");
        User bob = user("bob");

        contacts().addContact(alice.id(), bob.id(), "Bob", now());

        assertThat(contacts().isContact(bob.id(), alice.id())).as("bob did not add alice").isFalse();
        assertThat(contacts().contacts(bob.id())).isEmpty();
    }

    @Test
    void addingAgainRenamesAndKeepsTheFirstAddedAt() {
        User alice = user("alice");
        User bob = user("bob");
        Instant first = now();
        contacts().addContact(alice.id(), bob.id(), "Bob", first);

        Contact renamed = contacts().addContact(alice.id(), bob.id(), "Robert", now());

        Contact expected = new Contact(alice.id(), bob.id(), "Robert", first);
        assertThat(renamed).isEqualTo(expected);
        assertThat(contacts().contacts(alice.id())).containsExactly(expected);
    }

    @Test
    void contactsAreListedByNameIgnoringCase() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        User dave = user("dave");
        contacts().addContact(alice.id(), carol.id(), "carol", now());
        contacts().addContact(alice.id(), dave.id(), "Dave", now());
        contacts().addContact(alice.id(), bob.id(), "Bob", now());
        contacts().addContact(bob.id(), alice.id(), "Alice", now());

        assertThat(contacts().contacts(alice.id())).extracting(Contact::name).containsExactly("Bob", "carol", "Dave");
        assertThat(contacts().contacts(bob.id())).extracting(Contact::userId).containsExactly(alice.id());
    }

    @Test
    void renameMovesTheContactInTheList() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        contacts().addContact(alice.id(), bob.id(), "Bob", now());
        contacts().addContact(alice.id(), carol.id(), "Carol", now());

        contacts().addContact(alice.id(), carol.id(), "Aunt Carol", now());

        assertThat(contacts().contacts(alice.id())).extracting(Contact::userId).containsExactly(carol.id(), bob.id());
    }

    @Test
    void removeContactReportsWhetherThereWasOne() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        contacts().addContact(alice.id(), bob.id(), "Bob", now());
        contacts().addContact(alice.id(), carol.id(), "Carol", now());

        assertThat(contacts().removeContact(alice.id(), bob.id())).isTrue();
        assertThat(contacts().removeContact(alice.id(), bob.id())).as("already removed").isFalse();
        assertThat(contacts().removeContact(bob.id(), alice.id())).as("never added").isFalse();

        assertThat(contacts().isContact(alice.id(), bob.id())).isFalse();
        assertThat(contacts().contacts(alice.id())).extracting(Contact::userId).containsExactly(carol.id());
    }

    @Test
    void contactOfOrForAnUnknownUserIsRefusedAndNothingIsWritten() {
        User alice = user("alice");

        assertThatThrownBy(() -> contacts().addContact(alice.id(), UNKNOWN, "Ghost", now()))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> contacts().addContact(UNKNOWN, alice.id(), "Alice", now()))
                .isInstanceOf(RuntimeException.class);

        assertThat(contacts().contacts(alice.id())).isEmpty();
        assertThat(contacts().contacts(UNKNOWN)).isEmpty();
        assertThat(contacts().isContact(alice.id(), UNKNOWN)).isFalse();
        assertThat(contacts().isContact(UNKNOWN, alice.id())).isFalse();
    }

    @Test
    void blockIsOneDirectional() {
        User alice = user("alice");
        User mallory = user("mallory");

        contacts().block(alice.id(), mallory.id(), now());

        assertThat(contacts().isBlocked(alice.id(), mallory.id())).isTrue();
        assertThat(contacts().isBlocked(mallory.id(), alice.id())).as("mallory blocked nobody").isFalse();
        assertThat(contacts().blocked(alice.id())).containsExactly(mallory.id());
        assertThat(contacts().blocked(mallory.id())).isEmpty();
    }

    @Test
    void blockIsIdempotentAndKeepsItsPlace() {
        User alice = user("alice");
        User bob = user("bob");
        User mallory = user("mallory");
        contacts().block(alice.id(), mallory.id(), now());
        contacts().block(alice.id(), bob.id(), now());

        contacts().block(alice.id(), mallory.id(), now());

        assertThat(contacts().blocked(alice.id())).containsExactly(bob.id(), mallory.id());
        assertThat(contacts().isBlocked(alice.id(), mallory.id())).isTrue();
    }

    @Test
    void blockedAreListedMostRecentFirst() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        User dave = user("dave");

        contacts().block(alice.id(), carol.id(), now());
        contacts().block(alice.id(), bob.id(), now());
        contacts().block(alice.id(), dave.id(), now());

        assertThat(contacts().blocked(alice.id())).containsExactly(dave.id(), bob.id(), carol.id());
    }

    @Test
    void unblockReportsWhetherThereWasABlock() {
        User alice = user("alice");
        User bob = user("bob");
        User mallory = user("mallory");
        contacts().block(alice.id(), mallory.id(), now());
        contacts().block(alice.id(), bob.id(), now());

        assertThat(contacts().unblock(alice.id(), mallory.id())).isTrue();
        assertThat(contacts().unblock(alice.id(), mallory.id())).as("already unblocked").isFalse();
        assertThat(contacts().unblock(mallory.id(), alice.id())).as("never blocked").isFalse();

        assertThat(contacts().isBlocked(alice.id(), mallory.id())).isFalse();
        assertThat(contacts().blocked(alice.id())).containsExactly(bob.id());
    }

    @Test
    void blockingAgainAfterUnblockCountsAsMostRecent() {
        User alice = user("alice");
        User bob = user("bob");
        User mallory = user("mallory");
        contacts().block(alice.id(), mallory.id(), now());
        contacts().block(alice.id(), bob.id(), now());
        contacts().unblock(alice.id(), mallory.id());

        contacts().block(alice.id(), mallory.id(), now());

        assertThat(contacts().blocked(alice.id())).containsExactly(mallory.id(), bob.id());
    }

    @Test
    void blockOfOrByAnUnknownUserIsRefusedAndNothingIsWritten() {
        User alice = user("alice");

        assertThatThrownBy(() -> contacts().block(alice.id(), UNKNOWN, now())).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> contacts().block(UNKNOWN, alice.id(), now())).isInstanceOf(RuntimeException.class);

        assertThat(contacts().blocked(alice.id())).isEmpty();
        assertThat(contacts().blocked(UNKNOWN)).isEmpty();
        assertThat(contacts().isBlocked(alice.id(), UNKNOWN)).isFalse();
        assertThat(contacts().isBlocked(UNKNOWN, alice.id())).isFalse();
    }

    @Test
    void contactsAndBlocksAreIndependent() {
        User alice = user("alice");
        User bob = user("bob");
        contacts().addContact(alice.id(), bob.id(), "Bob", now());

        contacts().block(alice.id(), bob.id(), now());
        assertThat(contacts().isContact(alice.id(), bob.id())).as("a block leaves the contact list alone").isTrue();

        contacts().removeContact(alice.id(), bob.id());
        assertThat(contacts().isBlocked(alice.id(), bob.id())).as("removing a contact leaves the block").isTrue();
    }
}
