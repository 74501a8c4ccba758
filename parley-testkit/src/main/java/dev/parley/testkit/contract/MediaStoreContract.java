package dev.parley.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.Chat;
import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.MediaRef;
import dev.parley.core.model.Upload;
import dev.parley.core.port.MediaStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link MediaStore}: uploads, deduplicated content, items and their references, who may read an
 * item, and garbage collection by reference counts. (Media in messages: {@link MediaMessagesContract}.)
 */
public abstract class MediaStoreContract extends MediaContractSupport {

    @Test
    void uploadsAreCreatedReadAndDeleted() {
        Account alice = account("alice");
        Upload upload = new Upload("up-1", alice.id(), 12_345, "video/mp4", "clip.mp4", hash("clip"), 1920, 1080,
                42_000L, now());
        Upload bare = new Upload("up-2", alice.id(), 10, "application/pdf", null, null, null, null, null, now());

        media().createUpload(upload);
        media().createUpload(bare);

        assertThat(media().upload("up-1")).contains(upload);
        assertThat(media().upload("up-2")).contains(bare);
        assertThat(media().upload("up-3")).isEmpty();
        media().deleteUpload("up-1");
        media().deleteUpload("up-1");
        media().deleteUpload("never-existed");
        assertThat(media().upload("up-1")).isEmpty();
        assertThat(media().upload("up-2")).contains(bare);
    }

    @Test
    void uploadsCreatedBeforeAreOldestFirstAndLimited() {
        Account alice = account("alice");
        List<Upload> uploads = List.of(upload(alice, "u-1"), upload(alice, "u-2"), upload(alice, "u-3"));
        Instant cutoff = now();
        Upload young = upload(alice, "u-4");
        for (Upload upload : List.of(uploads.get(2), young, uploads.get(0), uploads.get(1))) {
            media().createUpload(upload);
        }

        assertThat(media().uploadsCreatedBefore(cutoff, 10)).containsExactlyElementsOf(uploads);
        assertThat(media().uploadsCreatedBefore(cutoff, 2)).containsExactly(uploads.get(0), uploads.get(1));
        assertThat(media().uploadsCreatedBefore(uploads.get(0).createdAt(), 10)).isEmpty();
        assertThat(media().uploadsCreatedBefore(now(), 10)).hasSize(4).last().isEqualTo(young);
    }

    @Test
    void savingNewContentStoresItAndItsItemAndDeletesTheUpload() {
        Account alice = account("alice");
        media().createUpload(upload(alice, "up-1"));
        MediaContent content = content("cat picture");
        MediaItem item = plainItem(alice, content);

        MediaItem saved = media().save(content, item, "up-1");

        assertThat(saved.content().id()).isPositive();
        assertThat(saved.content()).usingRecursiveComparison().ignoringFields("id").isEqualTo(content);
        assertThat(saved).usingRecursiveComparison().ignoringFields("content").isEqualTo(item);
        assertThat(media().item(item.id())).contains(saved);
        assertThat(media().liveContent(content.sha256(), content.size())).contains(saved.content());
        assertThat(media().upload("up-1")).as("the upload record is gone").isEmpty();
    }

    @Test
    void savingKnownBytesAgainUsesTheLiveContent() {
        Account alice = account("alice");
        Account bob = account("bob");
        MediaItem first = saved(alice, "meme");
        MediaContent again = content("meme");

        MediaItem second = media().save(again, plainItem(bob, again), null);

        assertThat(again.blobKey()).isNotEqualTo(first.content().blobKey());
        assertThat(second.content()).as("the caller learns its copy was a duplicate").isEqualTo(first.content());
        assertThat(media().item(second.id()).orElseThrow().content()).isEqualTo(first.content());
        assertThat(media().liveContent(again.sha256(), again.size())).contains(first.content());
    }

    @Test
    void concurrentSavesOfTheSameBytesShareOneContent() throws Exception {
        Account alice = account("alice");

        List<MediaItem> items = concurrently(8, t -> saved(alice, "viral video"));

        assertThat(items).extracting(MediaItem::content).containsOnly(items.getFirst().content()).hasSize(8);
        assertThat(items).extracting(MediaItem::id).doesNotHaveDuplicates();
    }

    @Test
    void liveContentNeedsTheSameHashAndSize() {
        MediaItem saved = saved(account("alice"), "report");
        MediaContent content = saved.content();

        assertThat(media().liveContent(content.sha256(), content.size())).contains(content);
        assertThat(media().liveContent(content.sha256(), content.size() + 1)).isEmpty();
        assertThat(media().liveContent(hash("something else"), content.size())).isEmpty();
    }

    @Test
    void anItemsOwnValuesOverrideItsContentsInTheRef() {
        Account alice = account("alice");
        MediaContent video = new MediaContent(0, hash("film"), 5_000_000, "video/mp4", "blob-film", null, null, null);
        MediaItem declared = new MediaItem("media-film", alice.id(), video, "film.mp4", 1280, 720, 90_000L,
                "poster", now());
        MediaItem plain = saved(alice, "photo");

        media().save(video, declared, null);

        MediaItem film = media().item("media-film").orElseThrow();
        assertThat(film.ref()).isEqualTo(new MediaRef("media-film", "video/mp4", 5_000_000, hash("film"), "film.mp4",
                1280, 720, 90_000L, "poster"));
        assertThat(media().item(plain.id()).orElseThrow().ref()).isEqualTo(new MediaRef(plain.id(), "image/png",
                1000, hash("photo"), "photo.png", 640, 480, null, "thumbnail-of-photo"));
        assertThat(media().item("media-unknown")).isEmpty();
    }

    @Test
    void setPosterSetsTheThumbnailAndTheSizeWhenGiven() {
        Account alice = account("alice");
        MediaContent video = new MediaContent(0, hash("film"), 5_000, "video/mp4", "blob-film", null, null, null);
        media().save(video, new MediaItem("media-film", alice.id(), video, null, null, null, 3_000L, null, now()),
                null);

        media().setPoster("media-film", "poster-1", 1280, 720);
        MediaItem afterFirst = media().item("media-film").orElseThrow();
        media().setPoster("media-film", "poster-2", null, null);
        MediaItem afterSecond = media().item("media-film").orElseThrow();
        media().setPoster("media-unknown", "poster", 1, 1);

        assertThat(afterFirst.thumbnail()).isEqualTo("poster-1");
        assertThat(afterFirst.width()).isEqualTo(1280);
        assertThat(afterFirst.height()).isEqualTo(720);
        assertThat(afterSecond.thumbnail()).isEqualTo("poster-2");
        assertThat(afterSecond.width()).as("kept when not given").isEqualTo(1280);
        assertThat(afterSecond.height()).isEqualTo(720);
        assertThat(media().item("media-unknown")).isEmpty();
    }

    @Test
    void theOwnerAndMembersWhoseWindowCoversAMessageMayRead() {
        Account alice = account("alice");
        Account bob = account("bob");
        Account carol = account("carol");
        Account dave = account("dave");
        Account eve = account("eve");
        Chat chat = group(alice, bob, dave);
        apply(chat, alice, GroupCommands.remove(alice.id(), dave.id()));
        MediaItem photo = saved(alice, "holiday");
        MediaItem unsent = saved(alice, "private");
        sendMedia(chat, alice, photo.id());
        apply(chat, alice, GroupCommands.add(alice.id(), carol.id()));
        apply(chat, alice, GroupCommands.remove(alice.id(), bob.id()));

        assertThat(media().canRead(photo.id(), alice.id())).as("owner").isTrue();
        assertThat(media().canRead(photo.id(), bob.id())).as("member then, removed later").isTrue();
        assertThat(media().canRead(photo.id(), carol.id())).as("joined after the message").isFalse();
        assertThat(media().canRead(photo.id(), dave.id())).as("removed before the message").isFalse();
        assertThat(media().canRead(photo.id(), eve.id())).as("never a member").isFalse();
        assertThat(media().canRead(unsent.id(), alice.id())).as("owner of an unsent item").isTrue();
        assertThat(media().canRead(unsent.id(), bob.id())).as("an unsent item of someone else").isFalse();
        assertThat(media().canRead("media-unknown", alice.id())).isFalse();
    }

    @Test
    void aDirectChatPeerMayReadWhatWasSentThere() {
        Account alice = account("alice");
        Account bob = account("bob");
        MediaItem photo = saved(alice, "selfie");
        assertThat(media().canRead(photo.id(), bob.id())).as("before it is sent").isFalse();

        sendMedia(direct(alice, bob), alice, photo.id());

        assertThat(media().canRead(photo.id(), bob.id())).isTrue();
    }

    @Test
    void collectDeletesOnlyOldUnreferencedItems() {
        Account alice = account("alice");
        Account bob = account("bob");
        MediaItem abandoned = saved(alice, "abandoned");
        MediaItem sent = saved(alice, "sent");
        sendMedia(direct(alice, bob), alice, sent.id());
        Instant cutoff = now();
        MediaItem young = saved(alice, "young");

        List<MediaContent> deleting = media().collect(cutoff, 10);

        assertThat(deleting).containsExactly(abandoned.content());
        assertThat(media().item(abandoned.id())).isEmpty();
        assertThat(media().item(sent.id())).as("referenced by a message").contains(sent);
        assertThat(media().item(young.id())).as("inside the grace period").contains(young);
        assertThat(media().liveContent(abandoned.content().sha256(), 1000)).isEmpty();
    }

    @Test
    void aContentIsDeletingOnlyOnceItsLastItemIsCollected() {
        Account alice = account("alice");
        MediaItem first = saved(alice, "shared");
        MediaItem second = saved(alice, "shared");
        Instant cutoff = now();

        assertThat(media().collect(cutoff, 1)).as("one of two items gone, the content stays live").isEmpty();
        assertThat(media().item(first.id())).as("the oldest goes first").isEmpty();
        assertThat(media().liveContent(first.content().sha256(), 1000)).contains(first.content());
        assertThat(media().collect(cutoff, 1)).containsExactly(first.content());
        assertThat(media().item(second.id())).isEmpty();
    }

    @Test
    void bytesSavedAgainAfterTheirContentWentDeletingGetANewContent() {
        Account alice = account("alice");
        MediaItem old = saved(alice, "bytes");
        media().collect(now(), 10);
        assertThat(media().liveContent(old.content().sha256(), 1000)).as("a deleting content is not live").isEmpty();
        MediaContent fresh = content("bytes");

        MediaItem again = media().save(fresh, plainItem(alice, fresh), null);

        assertThat(again.content().blobKey()).as("the new copy is kept").isEqualTo(fresh.blobKey());
        assertThat(again.content().id()).isNotEqualTo(old.content().id());
        assertThat(media().liveContent(fresh.sha256(), 1000)).contains(again.content());
        assertThat(media().collect(again.createdAt(), 10)).as("the old row is still to be deleted")
                .containsExactly(old.content());
    }

    @Test
    void deletingContentsComeBackUntilContentDeletedRemovesThem() {
        Account alice = account("alice");
        List<MediaItem> items = List.of(saved(alice, "a"), saved(alice, "b"), saved(alice, "c"));
        Instant cutoff = now();
        MediaItem live = saved(alice, "live");

        List<MediaContent> first = media().collect(cutoff, 2);
        List<MediaContent> second = media().collect(cutoff, 2);
        media().contentDeleted(first.getFirst().id());
        List<MediaContent> third = media().collect(cutoff, 10);
        third.forEach(content -> media().contentDeleted(content.id()));
        media().contentDeleted(live.content().id());
        media().contentDeleted(424242);

        List<MediaContent> contents = items.stream().map(MediaItem::content).toList();
        assertThat(first).containsExactly(contents.get(0), contents.get(1));
        assertThat(second).as("a crash before contentDeleted: returned again, at most limit")
                .containsExactly(contents.get(0), contents.get(1));
        assertThat(third).containsExactly(contents.get(1), contents.get(2));
        assertThat(media().collect(cutoff, 10)).isEmpty();
        assertThat(media().liveContent(live.content().sha256(), 1000)).as("only deleting rows are removed")
                .contains(live.content());
    }

    private Upload upload(Account owner, String id) {
        return new Upload(id, owner.id(), 100, "image/jpeg", id + ".jpg", null, null, null, null, now());
    }
}
