-- Read paths at a version (the primary key (org_id, kind, key, valid_from) already serves one kind
-- at a version, ordered by key, and one key at a version).

-- Roles by (account, name): an assumed-role session ARN names the role but not its path.
create index entities_role_by_name on entities (org_id, (body ->> 'accountId'), (body ->> 'name'), valid_from)
  where kind = 'role';

-- Users by (account, name): a federated-user ARN names the user but not its path.
create index entities_user_by_name on entities (org_id, (body ->> 'accountId'), (body ->> 'name'), valid_from)
  where kind = 'user';

