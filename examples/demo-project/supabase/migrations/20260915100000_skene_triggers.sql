-- Skene Growth: allowlisted triggers insert into event_log
-- Generated at 2026-09-15T10:00:00

CREATE OR REPLACE FUNCTION skene_growth_fn_bookings_INSERT_first_booking_celebration()
RETURNS TRIGGER LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, skene_growth
AS $$
BEGIN
  INSERT INTO skene_growth.event_log (entity_id, event_type, metadata)
  VALUES (NEW."id"::uuid, 'public.bookings.insert', jsonb_build_object('team_id', NEW."team_id", 'status', NEW."status"));
  RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS skene_growth_trg_bookings_INSERT_first_booking_celebration ON public.bookings;
CREATE TRIGGER skene_growth_trg_bookings_INSERT_first_booking_celebration
AFTER INSERT ON public.bookings
FOR EACH ROW EXECUTE FUNCTION skene_growth_fn_bookings_INSERT_first_booking_celebration();
