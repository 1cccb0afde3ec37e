-- Same DDL as the main branch's V1__base_schema.sql table kis_tokens (brief of issue 4).
create table kis_tokens (
  app_key_id       text        not null,
  token_kind       text        not null check (token_kind in ('ACCESS','APPROVAL')),
  token_ciphertext text        not null,
  issued_at        timestamptz not null,
  expires_at       timestamptz not null,
  updated_at       timestamptz not null default now(),
  primary key (app_key_id, token_kind)
);
