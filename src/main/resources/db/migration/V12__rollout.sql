-- Issue 18, safe rollout: an account (and a strategy on it) goes SHADOW -> PILOT -> RAMP -> LIVE, one step at a time,
-- each promotion made by an operator and, with rollout.four-eyes on, approved by a second one before it takes effect.
-- Configuration gives the first phase; from then on the row here is what holds (docs/rollout.md): a phase moved by an
-- operator is not undone by a restart with the old configuration. Every change is in audit_log (action ROLLOUT_*).

-- The phase of each account ('' as strategy_id) and of each strategy overridden on an account. A strategy without a
-- row follows its account; an order's phase is the more cautious of the account's and the strategy's.
create table rollout_phases (
    account           text          not null,
    strategy_id       text          not null default '',
    phase             text          not null check (phase in ('SHADOW', 'PILOT', 'RAMP', 'LIVE')),
    reason            text          not null,
    changed_by        text          not null,
    changed_at        timestamptz   not null,
    primary key (account, strategy_id)
);

-- The PILOT caps of each account ('' as strategy_id) and of the strategies given caps of their own on an account:
-- one row per cap (rollout.pilot.*: max-order-notional, max-daily-gross-notional, max-daily-loss in KRW, symbols as a
-- comma-separated list, blank for any, max-open-orders). Seeded from configuration at the first start like the phases;
-- the row wins from then on.
create table rollout_caps (
    account           text          not null,
    strategy_id       text          not null default '',
    cap               text          not null,
    value             text          not null,
    reason            text          not null,
    changed_by        text          not null,
    changed_at        timestamptz   not null,
    primary key (account, strategy_id, cap)
);

-- Changes that need a second operator (rollout.four-eyes): a promotion, or a cap raised, at most one per account or
-- strategy (and cap) at a time. It takes effect when another operator approves it, and only if the phase or the cap
-- is still what it was when it was asked for.
create table rollout_pending_changes (
    change_id         bigserial     primary key,
    account           text          not null,
    strategy_id       text          not null default '',
    kind              text          not null check (kind in ('PHASE', 'CAP')),
    cap               text          not null default '',
    from_value        text          not null,
    to_value          text          not null,
    reason            text          not null,
    requested_by      text          not null,
    requested_at      timestamptz   not null
);
create unique index rollout_pending_one_per_scope_idx on rollout_pending_changes (account, strategy_id, kind, cap);

-- The kill-switch drills (the weekly drill of the operations jobs records each run here): a RAMP account needs a
-- passed drill within rollout.ramp.max-drill-age, or its ramp freezes. None recorded counts as missed.
create table kill_switch_drills (
    drill_id          bigserial     primary key,
    account           text          not null,
    ran_at            timestamptz   not null,
    passed            boolean       not null,
    detail            jsonb         not null default '{}'::jsonb
);
create index kill_switch_drills_account_idx on kill_switch_drills (account, ran_at desc) where passed;

-- SHADOW: an order taken while its account or strategy is in SHADOW is screened all the way and never sent. The
-- flag is set at its create and never changes, so every event of it says shadow (kis.order.events, property shadow),
-- reconciliation does not look for it at KIS, and the reject rate of the ramp's gate does not count it.
alter table orders add column shadow boolean not null default false;

-- The KIS request each SHADOW order would have sent: method, path, tr_id and body (the account number masked; no
-- header, so no app key, secret or token), and when it would have left. One per order: a redelivered intent that
-- finds its order records nothing twice. No slot of the app key's REST budget was taken for it.
create table shadow_requests (
    order_id          uuid          primary key references orders (order_id),
    account           text          not null,
    strategy_id       text          not null,
    method            text          not null,
    path              text          not null,
    tr_id             text          not null,
    body              jsonb         not null,
    would_leave_at    timestamptz   not null
);
create index shadow_requests_account_idx on shadow_requests (account, would_leave_at);

-- RAMP: how far each account's caps have grown since it entered RAMP (entered_at: the phase change's moment; a
-- later entry starts again at 1), from when its current clean period runs (null while frozen), and whether a gate
-- holds its ramp frozen and why. Written by the ramp's evaluation on the KIS leader (and on demand).
create table rollout_ramps (
    account           text          primary key,
    entered_at        timestamptz   not null,
    factor            numeric(20,6) not null check (factor > 0),
    clean_since       timestamptz,
    frozen            boolean       not null default false,
    frozen_reason     text,
    evaluated_at      timestamptz   not null
);
