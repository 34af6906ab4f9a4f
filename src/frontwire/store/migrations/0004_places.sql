-- Geoparsing: how each place is used and what the gazetteer says it is.
-- use: literal | modifier | metonymic | demonym; feature: GeoNames feature code (PPL, ADM1,
-- PCLI, ...) or COORD for coordinates given in the text; confidence: 0-1.

ALTER TABLE places ADD COLUMN use VARCHAR;
ALTER TABLE places ADD COLUMN admin2 VARCHAR;
ALTER TABLE places ADD COLUMN feature VARCHAR;
ALTER TABLE places ADD COLUMN population BIGINT;
ALTER TABLE places ADD COLUMN confidence DOUBLE;
