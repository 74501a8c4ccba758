package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.AppendResult.MediaMissing;
import dev.parley.core.model.AppendResult.NotMember;
import dev.parley.core.model.Chat;
import dev.parley.core.model.ChatKind;
import dev.parley.core.model.Event.MessageAdded;
import dev.parley.core.model.HistoryQuery;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.Update;
import dev.parley.core.port.MediaStore;
import dev.parley.core.port.MessageLog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Media in the {@link MessageLog}: an append references a {@link MediaStore} item (counted, so garbage collection
 * keeps it), and every read of the message resolves its media reference.
 */
public abstract class MediaMessagesContract extends MediaContractSupport {

    @Test
    void aMediaMessageCarriesItsRefInEveryRead() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        MediaItem photo = saved(alice, "sunset");

        AppendResult result = stores.messages().append(mediaDraft(chat, alice, "c-1", MessageKind.IMAGE, photo.id(),
                "what a view"));

        assertThat(result).isInstanceOf(Appended.class);
        Message message = ((Appended) result).message();
        assertThat(message.media()).isEqualTo(photo.ref());
        assertThat(message.kind()).isEqualTo(MessageKind.IMAGE);
        assertThat(message.text()).isEqualTo("what a view");
        assertThat(history(chat)).containsExactly(message);
        assertThat(stream(bob.id()).getLast().event()).as("update stream").isEqualTo(new MessageAdded(message));
        assertThat(stores.updates().read(alice.id(), 1, 10)).extracting(Update::event)
                .containsExactly(new MessageAdded(message));
        assertThat(stores.chats().chatsOf(bob.id()).getFirst().lastMessage()).as("chat summary").isEqualTo(message);
    }

    @Test
    void everyMediaKindRoundTripsNextToTextMessages() {
        Account alice = account("alice");
        Chat chat = direct(alice, account("bob"));
        Message text = send(chat, alice, "plain");
        Message image = sendKind(chat, alice, MessageKind.IMAGE, saved(alice, "png"));
        Message video = sendKind(chat, alice, MessageKind.VIDEO, saved(alice, "mp4"));
        Message file = sendKind(chat, alice, MessageKind.FILE, saved(alice, "pdf"));

        assertThat(history(chat)).containsExactly(text, image, video, file);
        assertThat(history(chat)).extracting(Message::kind).containsExactly(MessageKind.TEXT, MessageKind.IMAGE,
                MessageKind.VIDEO, MessageKind.FILE);
        assertThat(text.media()).isNull();
        assertThat(file.media()).isNotNull();
    }

    @Test
    void readsShowThePosterSetAfterTheMessageWasSent() {
        Account alice = account("alice");
        Chat chat = direct(alice, account("bob"));
        MediaItem photo = saved(alice, "clip");
        sendMedia(chat, alice, photo.id());

        media().setPoster(photo.id(), "poster", 320, 240);

        Message read = history(chat).getFirst();
        assertThat(read.media().thumbnail()).isEqualTo("poster");
        assertThat(read.media().width()).isEqualTo(320);
        assertThat(read.media().height()).isEqualTo(240);
    }

    @Test
    void unknownMediaIsMissingAndNothingIsWritten() {
        Account alice = account("alice");
        Account bob = account("bob");
        Chat chat = direct(alice, bob);
        long aliceHead = stores.updates().head(alice.id());

        AppendResult result = stores.messages().append(mediaDraft(chat, alice, "c-1", MessageKind.IMAGE,
                "media-unknown", null));

        assertThat(result).isEqualTo(new MediaMissing("media-unknown"));
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isZero();
        assertThat(stores.updates().head(alice.id())).isEqualTo(aliceHead);
        assertThat(send(chat, alice, "the clientId was not used up either").seq()).isEqualTo(1);
        assertThat(stores.messages().append(mediaDraft(chat, alice, "c-1", MessageKind.IMAGE,
                saved(alice, "real").id(), null))).isInstanceOfSatisfying(Appended.class,
                a -> assertThat(a.duplicate()).isFalse());
    }

    @Test
    void collectedMediaIsMissing() {
        Account alice = account("alice");
        Chat chat = direct(alice, account("bob"));
        MediaItem photo = saved(alice, "forgotten");
        media().collect(now(), 10);

        assertThat(stores.messages().append(mediaDraft(chat, alice, "c-1", MessageKind.IMAGE, photo.id(), null)))
                .isEqualTo(new MediaMissing(photo.id()));
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isZero();
    }

    @Test
    void aResentClientIdReturnsTheStoredMessageAndCountsNoReference() {
        Account alice = account("alice");
        Chat chat = direct(alice, account("bob"));
        MediaItem photo = saved(alice, "first");
        MediaItem other = saved(alice, "second");
        Message original = ((Appended) stores.messages().append(mediaDraft(chat, alice, "c-1", MessageKind.IMAGE,
                photo.id(), "caption"))).message();

        AppendResult withOther = stores.messages().append(mediaDraft(chat, alice, "c-1", MessageKind.IMAGE,
                other.id(), "edited"));
        AppendResult withMissing = stores.messages().append(mediaDraft(chat, alice, "c-1", MessageKind.IMAGE,
                "media-unknown", null));

        assertThat(withOther).isEqualTo(new Appended(original, true));
        assertThat(withMissing).as("the duplicate check comes first").isEqualTo(new Appended(original, true));
        assertThat(stores.chats().chat(chat.id()).orElseThrow().lastSeq()).isEqualTo(1);
        assertThat(media().collect(now(), 10)).as("the duplicate did not reference the other item")
                .containsExactly(other.content());
        assertThat(media().item(photo.id())).contains(photo);
    }

    @Test
    void aRefusedAppendCountsNoReference() {
        Account alice = account("alice");
        Account mallory = account("mallory");
        Chat chat = direct(alice, account("bob"));
        Chat nowhere = new Chat(424242, ChatKind.DIRECT, 0, now());
        MediaItem photo = saved(mallory, "spam");
        MediaItem other = saved(alice, "lost");

        AppendResult notMember = stores.messages().append(mediaDraft(chat, mallory, "m-1", MessageKind.IMAGE,
                photo.id(), null));
        AppendResult unknownChat = stores.messages().append(mediaDraft(nowhere, alice, "a-1", MessageKind.IMAGE,
                other.id(), null));
        Instant cutoff = now();

        assertThat(notMember).isEqualTo(new NotMember(chat.id(), mallory.id()));
        assertThat(unknownChat).isEqualTo(new NotMember(nowhere.id(), alice.id()));
        assertThat(media().collect(cutoff, 10)).containsExactly(photo.content(), other.content());
        assertThat(media().item(photo.id())).isEmpty();
        assertThat(media().item(other.id())).isEmpty();
    }

    @Test
    void anItemReferencedByAnyMessageSurvivesCollection() {
        Account alice = account("alice");
        Account bob = account("bob");
        MediaItem photo = saved(alice, "forwarded");
        sendMedia(direct(alice, bob), alice, photo.id());
        sendMedia(group(alice, bob), bob, photo.id());

        assertThat(media().collect(now(), 10)).isEmpty();
        assertThat(media().item(photo.id())).contains(photo);
    }

    private Message sendKind(Chat chat, Account from, MessageKind kind, MediaItem item) {
        AppendResult result = stores.messages().append(mediaDraft(chat, from, "c-" + kind, kind, item.id(), ""));
        assertThat(result).isInstanceOf(Appended.class);
        Message message = ((Appended) result).message();
        assertThat(message.media()).isEqualTo(item.ref());
        return message;
    }

    private List<Message> history(Chat chat) {
        return stores.messages().history(chat.id(), new HistoryQuery(null, null, 50), 0, Long.MAX_VALUE).messages();
    }
}
