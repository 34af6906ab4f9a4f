-- Every name a user may know an article by (issue 22): the ids of their own records and the
-- places it was read from. Article ids derive from the text, so identical texts from records
-- with different ids are one article; each record's id stays here, so results join back to
-- the user's records by any of them. `frontwire article ID` and GET /articles/{id} look here.
--
-- kind is 'id' (a JSON Lines record's "id", as text) or 'path' (a file, "file:line" for a
-- JSON Lines line, "file@offset" for a WARC record). One alias may name several articles (two
-- files may use the same ids); one article may have any number of aliases.

CREATE TABLE article_aliases (
    alias      VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL,
    kind       VARCHAR NOT NULL,
    run_id     VARCHAR,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (alias, article_id)
);

-- Stores written before this table: their paths, and the one record id each article kept.
INSERT INTO article_aliases
SELECT DISTINCT CASE WHEN line > 0 THEN path || ':' || line ELSE path END, article_id, 'path',
       run_id, created_at
FROM article_paths
ON CONFLICT DO NOTHING;

INSERT INTO article_aliases
SELECT DISTINCT json_extract_string(metadata, '$.source_id'), id, 'id', run_id, updated_at
FROM articles
WHERE json_extract_string(metadata, '$.source_id') IS NOT NULL
ON CONFLICT DO NOTHING;
