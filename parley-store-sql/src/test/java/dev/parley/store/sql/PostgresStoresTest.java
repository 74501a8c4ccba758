package dev.parley.store.sql;

import dev.parley.core.model.Retention;
import dev.parley.testkit.contract.AccountStoreContract;
import dev.parley.testkit.contract.ChatStoreContract;
import dev.parley.testkit.contract.ContactStoreContract;
import dev.parley.testkit.contract.GroupLinksContract;
import dev.parley.testkit.contract.GroupStoreContract;
import dev.parley.testkit.contract.LastSeenStoreContract;
import dev.parley.testkit.contract.MediaMessagesContract;
import dev.parley.testkit.contract.MediaStoreContract;
import dev.parley.testkit.contract.MessageLogContract;
import dev.parley.testkit.contract.ReceiptStoreContract;
import dev.parley.testkit.contract.RetentionPurgeContract;
import dev.parley.testkit.contract.RetentionTimerContract;
import dev.parley.testkit.contract.Stores;
import dev.parley.testkit.contract.UpdateStreamContract;
import org.junit.jupiter.api.Nested;

/** Every store contract against Postgres (a fresh database per test). */
class PostgresStoresTest {

    @Nested
    class Accounts extends AccountStoreContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class Chats extends ChatStoreContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class Messages extends MessageLogContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class Updates extends UpdateStreamContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class Receipts extends ReceiptStoreContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class Groups extends GroupStoreContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class GroupLinks extends GroupLinksContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class Contacts extends ContactStoreContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class LastSeen extends LastSeenStoreContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class Media extends MediaStoreContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class MediaMessages extends MediaMessagesContract {
        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres();
        }
    }

    @Nested
    class RetentionPurge extends RetentionPurgeContract {
        private SqlStores sql;

        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres(opened -> sql = opened);
        }

        @Override
        protected void checkBookkeeping(Retention policy) {
            RetentionBookkeeping.check(sql, policy);
        }
    }

    @Nested
    class RetentionTimer extends RetentionTimerContract {
        private SqlStores sql;

        @Override
        protected Stores newStores() throws Exception {
            return Fixtures.postgres(opened -> sql = opened);
        }

        @Override
        protected void checkBookkeeping(Retention policy) {
            RetentionBookkeeping.check(sql, policy);
        }
    }
}
