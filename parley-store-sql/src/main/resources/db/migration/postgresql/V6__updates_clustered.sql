-- The SQLite schema's V6 turns updates into a WITHOUT ROWID table (stored in primary-key order). PostgreSQL has
-- no such layout (a heap plus its primary-key index) and nothing changes here; this version keeps both dialects'
-- histories at the same number (SchemaHistory.SHIPPED).
SELECT 1;
