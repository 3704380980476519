-- Tandem's tables: every table the growth triggers of skene-context/engine.yaml
-- fire on, with the columns they copy into the event's metadata.
CREATE TABLE public.teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  owner_id uuid NOT NULL
);

CREATE TABLE public.team_members (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL REFERENCES public.teams(id),
  user_id uuid NOT NULL,
  invited_by uuid,
  joined_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE public.bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL REFERENCES public.teams(id),
  -- The team's owner when the booking was made: who the first-booking email goes to.
  owner_id uuid,
  status text NOT NULL DEFAULT 'pending',
  starts_at timestamptz NOT NULL
);

CREATE TABLE public.calendar_connections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  member_id uuid NOT NULL REFERENCES public.team_members(id),
  provider text NOT NULL,
  status text NOT NULL DEFAULT 'ok'
);

CREATE TABLE public.subscriptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL REFERENCES public.teams(id),
  status text NOT NULL DEFAULT 'trialing'
);
