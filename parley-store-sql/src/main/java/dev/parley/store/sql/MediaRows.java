package dev.parley.store.sql;

import dev.parley.core.model.MediaContent;
import dev.parley.core.model.MediaItem;
import dev.parley.core.model.MediaRef;
import dev.parley.core.model.Upload;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Column lists and row mappers of the media tables (their schema is described in {@link SqlMediaStore}), and the
 * {@link MediaRef} every message read joins in. Like {@link Rows}, each column list goes with the mapper of the
 * same name and is read by position.
 */
final class MediaRows {
    static final String UPLOAD_COLUMNS = "id, owner_id, length, declared_mime, file_name, sha256, width, height,"
            + " duration_ms, created_at";
    /** {@link #item} reads these: the item's columns, then its content's ({@link #contentColumns}). */
    static final String ITEM_SELECT = "SELECT md.id, md.owner_id, md.file_name, md.width, md.height,"
            + " md.duration_ms, md.thumbnail, md.created_at, " + contentColumns("mc")
            + " FROM media md JOIN media_content mc ON mc.id = md.content_id";
    /** {@link #ref} reads these for one item ({@code WHERE md.id = ?} to be appended). */
    static final String REF_SELECT = "SELECT " + refColumns("md", "mc")
            + " FROM media md JOIN media_content mc ON mc.id = md.content_id";
    /** Number of columns {@link #refColumns} adds. */
    static final int REF_COLUMN_COUNT = 9;

    private MediaRows() {
    }

    static String contentColumns(String alias) {
        return alias + ".id, " + alias + ".sha256, " + alias + ".size, " + alias + ".mime, " + alias + ".blob_key, "
                + alias + ".width, " + alias + ".height, " + alias + ".thumbnail";
    }

    /**
     * The columns of a {@link MediaRef} from the item {@code md} and its content {@code mc}: the item's own size
     * and thumbnail where set, else the content's (as {@link MediaItem#ref()}). All NULL when the LEFT JOINs of
     * {@link #refJoins} find no item (a message without media).
     */
    static String refColumns(String md, String mc) {
        return md + ".id, " + mc + ".mime, " + mc + ".size, " + mc + ".sha256, " + md + ".file_name, "
                + "COALESCE(" + md + ".width, " + mc + ".width), COALESCE(" + md + ".height, " + mc + ".height), "
                + md + ".duration_ms, COALESCE(" + md + ".thumbnail, " + mc + ".thumbnail)";
    }

    /**
     * The LEFT JOINs that resolve the media of the messages row {@code alias} (primary-key look-ups, nothing for a
     * message without media), naming the item {@code <alias>_md} and the content {@code <alias>_mc}.
     */
    static String refJoins(String alias) {
        String md = alias + "_md";
        String mc = alias + "_mc";
        return " LEFT JOIN media " + md + " ON " + md + ".id = " + alias + ".media_id"
                + " LEFT JOIN media_content " + mc + " ON " + mc + ".id = " + md + ".content_id";
    }

    static Upload upload(ResultSet row) throws SQLException {
        return new Upload(row.getString(1), row.getLong(2), row.getLong(3), row.getString(4), row.getString(5),
                row.getString(6), Jdbc.nullableInt(row, 7), Jdbc.nullableInt(row, 8), Jdbc.nullableLong(row, 9),
                Rows.instant(row.getLong(10)));
    }

    static MediaContent content(ResultSet row) throws SQLException {
        return content(row, 1);
    }

    /** The content whose {@link #contentColumns} start at column {@code first}. */
    static MediaContent content(ResultSet row, int first) throws SQLException {
        return new MediaContent(row.getLong(first), row.getString(first + 1), row.getLong(first + 2),
                row.getString(first + 3), row.getString(first + 4), Jdbc.nullableInt(row, first + 5),
                Jdbc.nullableInt(row, first + 6), row.getString(first + 7));
    }

    static MediaItem item(ResultSet row) throws SQLException {
        return new MediaItem(row.getString(1), row.getLong(2), content(row, 9), row.getString(3),
                Jdbc.nullableInt(row, 4), Jdbc.nullableInt(row, 5), Jdbc.nullableLong(row, 6), row.getString(7),
                Rows.instant(row.getLong(8)));
    }

    static MediaRef ref(ResultSet row) throws SQLException {
        return ref(row, 1);
    }

    /** The reference whose {@link #refColumns} start at column {@code first}; null when the message has none. */
    static MediaRef ref(ResultSet row, int first) throws SQLException {
        String mediaId = row.getString(first);
        if (mediaId == null) {
            return null;
        }
        return new MediaRef(mediaId, row.getString(first + 1), row.getLong(first + 2), row.getString(first + 3),
                row.getString(first + 4), Jdbc.nullableInt(row, first + 5), Jdbc.nullableInt(row, first + 6),
                Jdbc.nullableLong(row, first + 7), row.getString(first + 8));
    }
}
