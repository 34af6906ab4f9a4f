-- Every place an article was read from. Article ids derive from the text, so the same text
-- read from two files (or two lines) is one article; articles.path keeps the first path seen
-- and this table keeps all of them, so no source of an article is ever forgotten.
-- line is the JSON Lines line number, 0 for a whole file (a key column cannot be NULL).

CREATE TABLE article_paths (
    article_id VARCHAR NOT NULL,
    path       VARCHAR NOT NULL,
    line       INTEGER NOT NULL,
    run_id     VARCHAR,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (article_id, path, line)
);
