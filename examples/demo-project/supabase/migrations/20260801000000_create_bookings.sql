CREATE TABLE public.bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id uuid NOT NULL REFERENCES public.teams(id),
  status text NOT NULL DEFAULT 'pending',
  starts_at timestamptz NOT NULL
);
