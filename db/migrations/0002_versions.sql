-- Versions: one immutable row per commit. Version 0 is written with the organization.
-- History is linear: the parent of version v is v - 1.
create table versions (
  org_id       text not null references organizations (id) on delete cascade,
  version      integer not null check (version >= 0),
  parent       integer,
  message      text not null,
  author       text not null,
  created_at   timestamptz not null default now(),
  change_count integer not null default 0 check (change_count >= 0),
  changes      jsonb not null default '[]'::jsonb,
  findings     jsonb not null default '[]'::jsonb,
  primary key (org_id, version),
  check ((version = 0 and parent is null) or parent = version - 1)
);
