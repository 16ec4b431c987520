-- Organizations: one row per modelled AWS organization, with its latest committed version.
-- A commit locks this row (select … for update), so it is also the per-organization commit lock.
create table organizations (
  id                    text primary key,
  name                  text not null,
  aws_org_id            text not null,
  management_account_id text not null,
  root_id               text not null,
  created_at            timestamptz not null default now(),
  latest_version        integer not null default 0 check (latest_version >= 0)
);
