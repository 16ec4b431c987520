-- API keys: only a SHA-256 hash of each key's secret is stored; the key itself is shown once, at
-- creation. A key is scoped to organizations (`{*}` for all) and to roles (decide, read, write,
-- admin). Revoking sets revoked_at; rows are kept for audit.
create table api_keys (
  id          text primary key,
  name        text not null,
  secret_hash text not null,
  orgs        text[] not null,
  roles       text[] not null,
  created_by  text not null,
  created_at  timestamptz not null default now(),
  revoked_at  timestamptz
);
