-- Analysis: Chinese full-text search over case text. The server segments title, body and address with jieba
-- and stores the words (plus Han bigrams) as a tsvector of the 'simple' configuration; a background job fills
-- rows whose search_vector is NULL, so cases written by any path are indexed within seconds. A change of the
-- text empties it again (trigger below) and the job re-indexes the row.
ALTER TABLE cases ADD COLUMN search_vector tsvector;
CREATE INDEX cases_search_vector_idx ON cases USING gin (search_vector);
CREATE INDEX cases_search_pending_idx ON cases (id) WHERE search_vector IS NULL;

CREATE FUNCTION cases_search_vector_reset() RETURNS trigger AS $$
BEGIN
  IF NEW.title IS DISTINCT FROM OLD.title OR NEW.body IS DISTINCT FROM OLD.body
     OR NEW.address IS DISTINCT FROM OLD.address THEN
    NEW.search_vector := NULL;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER cases_search_vector_reset BEFORE UPDATE OF title, body, address ON cases
  FOR EACH ROW EXECUTE FUNCTION cases_search_vector_reset();
