package dev.parley.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.core.model.AppendResult.Appended;
import dev.parley.core.model.Device;
import dev.parley.core.model.Draft;
import dev.parley.core.model.Event.Expired;
import dev.parley.core.model.GroupInfo;
import dev.parley.core.model.GroupSettings;
import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.Message;
import dev.parley.core.model.MessageKind;
import dev.parley.core.model.NewGroup;
import dev.parley.core.model.NewUser;
import dev.parley.core.model.PurgeReport;
import dev.parley.core.model.Retention;
import dev.parley.core.model.TimerChange;
import dev.parley.core.model.Update;
import dev.parley.core.model.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two "nodes" (two stores, each with its own writer) purging one PostgreSQL schema at once, in small batches:
 * every entry and every message must be counted once — counters never go below what is stored, each message is
 * purged by one node only (its media reference released once), and the expired ranges the members get cover the
 * disappeared seqs without overlap.
 */
class PostgresTwoNodesRetentionTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Retention UNTIL_DELIVERED = new Retention(Retention.Mode.UNTIL_DELIVERED, Duration.ofDays(30));
    private static final int MESSAGES = 40;
    private static final int BATCH = 7;

    private final AtomicLong millis = new AtomicLong();
    @RegisterExtension
    final TwoPostgresNodes nodes = new TwoPostgresNodes();

    @Test
    void twoNodesTrimmingTheSameDeliveredMessagesPurgeEachOnce() throws Exception {
        List<Member> members = members(5);
        long chatId = group(members);
        MediaItem photo = nodes.a().media().save(new MediaContent(0, "ab".repeat(32), 10, "image/png", "blob-1", null,
                null, null), new MediaItem("media-1", members.getFirst().user().id(), null, null, null, null, null,
                null, now()), null);
        for (int i = 0; i < MESSAGES; i++) {
            append(chatId, members.get(i % members.size()), i == 0 ? photo.id() : null);
        }
        members.forEach(m -> nodes.b().receipts().acknowledge(m.user().id(), m.device().id(),
                nodes.b().updates().head(m.user().id())));

        List<PurgeReport> reports = purgeFromBothNodes(now());

        assertThat(reports.stream().mapToInt(PurgeReport::purgedMessages).sum()).as("CREATED and every message")
                .isEqualTo(MESSAGES + 1);
        RetentionBookkeeping.check(nodes.a(), UNTIL_DELIVERED);
        Optional<Long> refs = nodes.a().database().read(c -> Jdbc.first(c,
                "SELECT message_refs FROM media WHERE id = ?", row -> row.getLong(1), photo.id()));
        assertThat(refs).as("released once").contains(0L);
    }

    @Test
    void twoNodesSweepingTheSameTimerTellEachMemberOfEachSeqOnce() throws Exception {
        List<Member> members = members(4);
        long chatId = group(members);
        Member owner = members.getFirst();
        nodes.a().retention().setTimer(new TimerChange(chatId, owner.user().id(), owner.device().id(), "timer", 60,
                now()));
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            seqs.add(append(chatId, members.get(i % members.size()), null).seq());
        }

        List<PurgeReport> reports = purgeFromBothNodes(now().plusSeconds(3600));

        assertThat(reports.stream().mapToInt(PurgeReport::timerMessages).sum()).isEqualTo(MESSAGES);
        RetentionBookkeeping.check(nodes.a(), UNTIL_DELIVERED);
        for (Member member : members) {
            List<Long> told = new ArrayList<>();
            for (Update update : nodes.a().updates().read(member.user().id(), 0, 10_000)) {
                if (update.event() instanceof Expired expired) {
                    for (long seq = expired.fromSeq(); seq <= expired.toSeq(); seq++) {
                        told.add(seq);
                    }
                }
            }
            assertThat(told).as("user %d", member.user().id()).containsExactlyInAnyOrderElementsOf(seqs);
        }
    }

    /** Both nodes purge in small batches at once until neither has more, then one last batch finds nothing. */
    private List<PurgeReport> purgeFromBothNodes(Instant at) throws Exception {
        List<PurgeReport> reports = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<PurgeReport>>> futures = new ArrayList<>();
            for (SqlStores node : List.of(nodes.a(), nodes.b())) {
                futures.add(executor.submit(() -> purgeUntilDone(node, at)));
            }
            for (Future<List<PurgeReport>> future : futures) {
                reports.addAll(future.get());
            }
        }
        PurgeReport last = nodes.a().retention().purge(UNTIL_DELIVERED, at, BATCH);
        assertThat(last.purgedMessages() + last.timerMessages()).as("nothing left after both stopped").isZero();
        return reports;
    }

    private static List<PurgeReport> purgeUntilDone(SqlStores node, Instant at) {
        List<PurgeReport> reports = new ArrayList<>();
        PurgeReport report;
        do {
            report = node.retention().purge(UNTIL_DELIVERED, at, BATCH);
            reports.add(report);
        } while (report.more());
        return reports;
    }

    private Message append(long chatId, Member from, String mediaId) {
        Draft draft = new Draft(chatId, UUID.randomUUID().toString(), from.user().id(), from.device().id(),
                UUID.randomUUID().toString(), mediaId == null ? MessageKind.TEXT : MessageKind.IMAGE, "text", null,
                now(), mediaId);
        return ((Appended) nodes.b().messages().append(draft)).message();
    }

    private long group(List<Member> members) {
        Member owner = members.getFirst();
        List<Long> others = members.stream().skip(1).map(m -> m.user().id()).toList();
        return nodes.a().groups().create(new NewGroup(owner.user().id(), owner.device().id(), "created",
                new GroupInfo("Both nodes", null, null), GroupSettings.DEFAULTS, others, 256, now())).chatId();
    }

    private List<Member> members(int count) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            User user = nodes.a().accounts().createUser(new NewUser("user" + i, null, "User " + i, "hash", now()));
            Device device = nodes.a().accounts().addDevice(user.id(), "phone", ("token-" + i).getBytes(), now());
            members.add(new Member(user, device));
        }
        return members;
    }

    private Instant now() {
        return START.plusMillis(millis.incrementAndGet());
    }

    private record Member(User user, Device device) {
    }
}
