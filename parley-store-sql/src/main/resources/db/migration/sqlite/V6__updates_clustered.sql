-- updates becomes a WITHOUT ROWID table, stored in the order of its primary key (user_id, cursor).
-- As a rowid table every entry lived twice: in the table under a hidden rowid and in the primary key's index,
-- so each insert and each delete (the trim) changed two B-trees and each read of a stream (cursor order) walked
-- the index and then looked every row up by rowid. Rows are small (no message body: that is in messages), the
-- layout WITHOUT ROWID is meant for (receipt_marks, contacts and blocks already use it).
-- The copy runs once, in the migration's transaction; nothing references updates, and it has no other index.
CREATE TABLE updates_clustered (
    user_id       INTEGER NOT NULL REFERENCES users (id),
    cursor        INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    chat_id       INTEGER NOT NULL,
    seq           INTEGER,
    member_id     INTEGER,
    delivered_seq INTEGER,
    read_seq      INTEGER,
    read_shared   INTEGER,
    payload       TEXT,
    created_at    INTEGER NOT NULL,
    to_seq        INTEGER,
    PRIMARY KEY (user_id, cursor)
) WITHOUT ROWID;

INSERT INTO updates_clustered (user_id, cursor, kind, chat_id, seq, member_id, delivered_seq, read_seq, read_shared,
                               payload, created_at, to_seq)
SELECT user_id, cursor, kind, chat_id, seq, member_id, delivered_seq, read_seq, read_shared, payload, created_at,
       to_seq
FROM updates;

DROP TABLE updates;

ALTER TABLE updates_clustered RENAME TO updates;
