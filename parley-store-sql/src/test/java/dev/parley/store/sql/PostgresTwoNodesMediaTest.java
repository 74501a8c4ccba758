package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult;
import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.AppendResult.MediaMissing;
import dev.parley.core.model.Chat;
import dev.parley.core.model.Draft;
import dev.parley.core.model.HistoryQuery;
import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Media reference counting with two "nodes" (two stores, each with its own writer) on one PostgreSQL schema:
 * deduplication, garbage collection and message references must stay consistent through row locks and the
 * partial unique index, not through the in-process writer.
 */
class PostgresTwoNodesMediaTest {
    private static final Instant OLD = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant CUTOFF = OLD.plusSeconds(1);
    private static final Instant YOUNG = OLD.plus(Duration.ofHours(1));

    private final AtomicInteger blobs = new AtomicInteger();
    @RegisterExtension
    final TwoPostgresNodes nodes = new TwoPostgresNodes();

    @Test
    void bothNodesSavingTheSameBytesShareOneCountedContent() throws Exception {
        User alice = user("alice");

        List<MediaItem> items = TwoPostgresNodes.concurrently(8, i -> save(nodes.node(i), alice, "same bytes", OLD));

        MediaContent shared = items.getFirst().content();
        assertThat(items).extracting(MediaItem::content).containsOnly(shared);
        assertThat(nodes.a().media().collect(CUTOFF, 7)).as("one item is left on the content").isEmpty();
        assertThat(nodes.b().media().collect(CUTOFF, 7)).as("every save was counted").containsExactly(shared);
    }

    @Test
    void collectionOnOneNodeNeverDeletesWhatAnAppendOnTheOtherReferences() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        Chat chat = nodes.a().chats().openDirect(alice.id(), bob.id(), OLD);
        List<MediaItem> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(save(nodes.a(), alice, "item " + i, OLD));
        }
        Set<Long> collected = new HashSet<>();

        List<AppendResult> appends = TwoPostgresNodes.concurrently(2, i -> {
            if (i == 0) {
                return appendEach(nodes.b(), chat, alice, items);
            }
            while (collectBatch(nodes.a(), collected)) {
                // until a batch finds nothing: then every item is referenced or collected
            }
            return null;
        }).getFirst();
        List<Message> history = nodes.a().messages().history(chat.id(), new HistoryQuery(null, null, 100), 0,
                Long.MAX_VALUE).messages();
        for (int i = 0; i < items.size(); i++) {
            MediaItem item = items.get(i);
            if (appends.get(i) instanceof Appended) {
                assertThat(nodes.a().media().item(item.id())).as("referenced item %d", i).isPresent();
                assertThat(collected).as("content of referenced item %d", i).doesNotContain(item.content().id());
            } else {
                assertThat(appends.get(i)).isEqualTo(new MediaMissing(item.id()));
                assertThat(collected).as("content of collected item %d", i).contains(item.content().id());
            }
        }
        assertThat(history).allSatisfy(m -> assertThat(nodes.b().media().item(m.media().mediaId())).isPresent());
        assertThat(history.size() + collected.size()).isEqualTo(items.size());
    }

    @Test
    void aSaveRacingTheCollectionOfTheLastItemGetsALiveContent() throws Exception {
        User alice = user("alice");
        for (int round = 0; round < 20; round++) {
            String seed = "round " + round;
            MediaItem old = save(nodes.a(), alice, seed, OLD);
            Set<Long> collected = new HashSet<>();

            MediaItem saved = TwoPostgresNodes.concurrently(2, i -> {
                if (i == 0) {
                    return save(nodes.b(), alice, seed, YOUNG);
                }
                collectBatch(nodes.a(), collected);
                return null;
            }).getFirst();

            MediaContent used = saved.content();
            boolean reused = used.id() == old.content().id();
            assertThat(nodes.a().media().item(old.id())).as("round %d: the old item is collected", round).isEmpty();
            assertThat(collected.contains(old.content().id())).as("round %d: old content deleting", round)
                    .isEqualTo(!reused);
            assertThat(collected).as("round %d", round).doesNotContain(used.id());
            assertThat(nodes.a().media().liveContent(used.sha256(), used.size())).as("round %d", round).contains(used);
            assertThat(nodes.b().media().item(saved.id())).as("round %d", round).contains(saved);
        }
    }

    private List<AppendResult> appendEach(SqlStores node, Chat chat, User sender, List<MediaItem> items) {
        List<AppendResult> results = new ArrayList<>();
        for (MediaItem item : items) {
            results.add(node.messages().append(new Draft(chat.id(), UUID.randomUUID().toString(), sender.id(), 1,
                    UUID.randomUUID().toString(), MessageKind.FILE, "", null, OLD, item.id())));
        }
        return results;
    }

    /** One collection batch of 3; records and removes the returned contents; false when it returned none. */
    private static boolean collectBatch(SqlStores node, Set<Long> collected) {
        List<MediaContent> batch = node.media().collect(CUTOFF, 3);
        for (MediaContent content : batch) {
            collected.add(content.id());
            node.media().contentDeleted(content.id());
        }
        return !batch.isEmpty();
    }

    private MediaItem save(SqlStores node, User owner, String seed, Instant at) {
        MediaContent content = new MediaContent(0, seed.hashCode() + "-" + seed, 100, "application/pdf",
                "blob-" + blobs.incrementAndGet(), null, null, null);
        return node.media().save(content, new MediaItem("media-" + UUID.randomUUID(), owner.id(), content, null, null,
                null, null, null, at), null);
    }

    private User user(String name) {
        return nodes.a().accounts().createUser(new NewUser(name, null, name, "hash", OLD));
    }
}
