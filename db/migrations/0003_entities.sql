-- Entities: every model entity as version ranges. A row is visible at version v iff
--   valid_from <= v and (valid_to is null or valid_to > v).
-- A commit at version v closes the open row of each written key (valid_to = v) and inserts the new
-- body (valid_from = v) unless the write is a delete; untouched entities are not copied.
-- Keys use the "C" collation so that key order (pagination cursors) is bytewise and the same on
-- every server, and so that a key-prefix LIKE can use the primary-key index.
create table entities (
  org_id     text not null,
  kind       text not null check (kind in ('root', 'ou', 'account', 'user', 'group', 'role', 'policy', 'orgPolicy', 'resource')),
  key        text collate "C" not null,
  valid_from integer not null,
  valid_to   integer,
  body       jsonb not null,
  primary key (org_id, kind, key, valid_from),
  foreign key (org_id, valid_from) references versions (org_id, version) on delete cascade,
  check (valid_to is null or valid_to > valid_from)
);

-- At most one open row per entity; also the index a commit uses to close it.
create unique index entities_open_key on entities (org_id, kind, key) where valid_to is null;
