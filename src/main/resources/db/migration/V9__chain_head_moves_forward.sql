-- The hub's runtime role moves the chain head forward only: even with its password, nobody can move
-- the head back over records it cannot delete, nor the archive base back. (The schema's owner, who
-- runs migrations, is not held by this: it can drop the trigger anyway.)
CREATE FUNCTION chain_head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_user IN ('hub_app', 'hub_archiver')
      AND (NEW.last_seq < OLD.last_seq OR NEW.base_seq < OLD.base_seq OR NEW.sealed_seq < OLD.sealed_seq) THEN
    RAISE EXCEPTION 'the exchange chain head only moves forward';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER chain_head_moves_forward BEFORE UPDATE ON exchange_chain_head
  FOR EACH ROW EXECUTE FUNCTION chain_head_moves_forward();
