-- Who said what (the quotes stage): entity resolution columns and the reshaped quote record.
--
-- entities gain the cluster their mention belongs to within the article, its canonical name
-- and affiliation. quotes keep their first columns (direct stays filled: kind = 'direct');
-- speaker now holds the speaker object as JSON ({name, kind, cluster_id, role, affiliation,
-- span}) and its fields are also columns, so "who said what" is a plain GROUP BY.

ALTER TABLE entities ADD COLUMN cluster_id VARCHAR;
ALTER TABLE entities ADD COLUMN canonical VARCHAR;
ALTER TABLE entities ADD COLUMN affiliation VARCHAR;

ALTER TABLE quotes ADD COLUMN kind VARCHAR;      -- 'direct' | 'indirect'
ALTER TABLE quotes ADD COLUMN status VARCHAR;    -- asserted | estimated | hedged | denied | hypothetical
ALTER TABLE quotes ADD COLUMN speaker_name VARCHAR;
ALTER TABLE quotes ADD COLUMN speaker_kind VARCHAR;
ALTER TABLE quotes ADD COLUMN speaker_cluster_id VARCHAR;
ALTER TABLE quotes ADD COLUMN speaker_role VARCHAR;
ALTER TABLE quotes ADD COLUMN speaker_affiliation VARCHAR;
