-- Issue 19, operations jobs.
--
-- Tickets: one per thing an operator must look at (a reconciliation break, a participation spike), named by its
-- ticket_key ('break:<break_id>'). The unique key is what keeps a second run, a restarted instance or a second
-- instance from opening a second ticket for the same break: the insert of the loser does nothing.
create table ops_tickets (
    ticket_id         bigserial     primary key,
    ticket_key        text          not null unique,
    break_id          bigint        unique references recon_breaks (break_id),
    account           text          not null,
    kind              text          not null,
    subject           text          not null,
    state             text          not null check (state in ('OPEN', 'CLOSED')),
    version           integer       not null,
    summary           text          not null,
    local_evidence    jsonb         not null default '{}'::jsonb,
    broker_evidence   jsonb         not null default '{}'::jsonb,
    opened_at         timestamptz   not null,
    updated_at        timestamptz   not null,
    closed_at         timestamptz
);
create index ops_tickets_open_idx on ops_tickets (account) where state = 'OPEN';

-- Every change of a ticket (OPENED, UPDATED, CLOSED), written in the transaction that changed it: the outbox of
-- kis.ops.tickets (published_at) and of the incident tool's webhook (webhook_*). A change the webhook is not
-- configured for has no webhook_next_at and is never delivered there.
create table ops_ticket_events (
    event_id          bigserial     primary key,
    ticket_id         bigint        not null references ops_tickets (ticket_id),
    version           integer       not null,
    change            text          not null check (change in ('OPENED', 'UPDATED', 'CLOSED')),
    body              jsonb         not null,
    created_at        timestamptz   not null,
    published_at      timestamptz,
    webhook_next_at   timestamptz,
    webhook_attempts  integer       not null default 0,
    webhook_done_at   timestamptz,
    webhook_outcome   text          check (webhook_outcome in ('DELIVERED', 'DEAD_LETTERED')),
    webhook_error     text,
    unique (ticket_id, version)
);
create index ops_ticket_events_unpublished_idx on ops_ticket_events (event_id) where published_at is null;
create index ops_ticket_events_webhook_due_idx on ops_ticket_events (webhook_next_at)
    where webhook_next_at is not null and webhook_done_at is null;

-- Breaks already settled when tickets began have none (the incident tool is not flooded with history); a break
-- opened since that settled before its ticket was written (an instance died between the two) still gets one.
create table ops_ticket_origin (
    breaks_before     bigint        not null
);
insert into ops_ticket_origin (breaks_before) select coalesce(max(break_id), 0) from recon_breaks;

-- App-key liveness: per app key (key_id = hex SHA-256 of the key, never the key itself) when the gateway first saw
-- it, its last successful KIS call on any instance (written at most once a flush period from memory), the job's
-- last check, and the threshold crossings already alerted (each alert once: a conditional update claims it).
create table ops_app_keys (
    key_id            text          primary key,
    label             text          not null,
    tracked_since     timestamptz   not null,
    last_success_at   timestamptz,
    expiry_alert_for  date,
    idle_alert_for    timestamptz,
    last_checked_at   timestamptz
);
