-- Issue 20, reliability: the execution-notice stream's incidents, durably, so that a day's report says the same
-- whichever instance writes it and after a restart (only the KIS leader holds the stream; the leader of the
-- afternoon may not be the one of the morning).
--
-- One row per incident of one kind on one account's stream: DISCONNECT (the socket lost until it is live again),
-- STALE (quiet past the wait with orders working, or no frame at all, until a check confirms it), GAP (a backfill
-- recovered fills the stream had not delivered, until the next clean check), REFUSED_RECONNECT (a reconnect failed
-- or the breaker opened, until live again). ended_at is null while it lasts. The partial unique index keeps one
-- open incident per account and kind: a second instance, or a replayed event, opens nothing twice.
create table stream_incidents (
    incident_id       bigserial     primary key,
    account           text          not null,
    app_key           text          not null,                 -- the key's label, never the key
    kind              text          not null check (kind in ('DISCONNECT', 'STALE', 'GAP', 'REFUSED_RECONNECT')),
    started_at        timestamptz   not null,
    ended_at          timestamptz,
    fills_recovered   integer       not null default 0 check (fills_recovered >= 0),
    detail            text          not null default '',
    instance_id       text          not null                  -- the instance that opened it
);
create unique index stream_incidents_one_open on stream_incidents (account, kind) where ended_at is null;
create index stream_incidents_started_idx on stream_incidents (started_at);
