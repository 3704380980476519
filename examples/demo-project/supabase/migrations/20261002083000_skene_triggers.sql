-- Skene Growth: allowlisted triggers insert into event_log
-- Generated at 2026-10-02T08:30:00

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

CREATE OR REPLACE FUNCTION skene_growth_fn_team_members_INSERT_teammate_joined()
RETURNS TRIGGER LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, skene_growth
AS $$
BEGIN
  INSERT INTO skene_growth.event_log (entity_id, event_type, metadata)
  VALUES (NEW."id"::uuid, 'public.team_members.insert', jsonb_build_object('team_id', NEW."team_id", 'invited_by', NEW."invited_by"));
  RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS skene_growth_trg_team_members_INSERT_teammate_joined ON public.team_members;
CREATE TRIGGER skene_growth_trg_team_members_INSERT_teammate_joined
AFTER INSERT ON public.team_members
FOR EACH ROW EXECUTE FUNCTION skene_growth_fn_team_members_INSERT_teammate_joined();

CREATE OR REPLACE FUNCTION skene_growth_fn_calendar_connections_UPDATE_calendar_disconnected()
RETURNS TRIGGER LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, skene_growth
AS $$
BEGIN
  INSERT INTO skene_growth.event_log (entity_id, event_type, metadata)
  VALUES (NEW."id"::uuid, 'public.calendar_connections.update', jsonb_build_object('member_id', NEW."member_id", 'status', NEW."status"));
  RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS skene_growth_trg_calendar_connections_UPDATE_calendar_disconnected ON public.calendar_connections;
CREATE TRIGGER skene_growth_trg_calendar_connections_UPDATE_calendar_disconnected
AFTER UPDATE ON public.calendar_connections
FOR EACH ROW EXECUTE FUNCTION skene_growth_fn_calendar_connections_UPDATE_calendar_disconnected();

CREATE OR REPLACE FUNCTION skene_growth_fn_subscriptions_UPDATE_trial_converted()
RETURNS TRIGGER LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, skene_growth
AS $$
BEGIN
  INSERT INTO skene_growth.event_log (entity_id, event_type, metadata)
  VALUES (NEW."id"::uuid, 'public.subscriptions.update', jsonb_build_object('team_id', NEW."team_id", 'status', NEW."status"));
  RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS skene_growth_trg_subscriptions_UPDATE_trial_converted ON public.subscriptions;
CREATE TRIGGER skene_growth_trg_subscriptions_UPDATE_trial_converted
AFTER UPDATE ON public.subscriptions
FOR EACH ROW EXECUTE FUNCTION skene_growth_fn_subscriptions_UPDATE_trial_converted();
