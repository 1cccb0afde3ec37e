-- Base schema of kis-gateway (PostgreSQL only; the embedded database runs the same migrations).
-- Accounts are referred to by their configured alias everywhere: account numbers are secrets and stay in
-- configuration, out of rows, messages and logs.

-- Orders: the current state of each order, a projection of order_events (updated in the same transaction).
create table orders (
    order_id          uuid          primary key,
    client_order_id   text          not null,
    account           text          not null,
    strategy_id       text          not null,
    symbol            text          not null,
    side              text          not null check (side in ('BUY', 'SELL')),
    order_type        text          not null,               -- KIS ORD_DVSN code, e.g. '00' limit, '01' market
    exchange          text          not null default 'KRX' check (exchange in ('KRX', 'NXT', 'SOR')),
    quantity          bigint        not null check (quantity > 0),
    price             numeric(18,4),                        -- null for market-type orders
    state             text          not null,
    origin            text          not null default 'GATEWAY' check (origin in ('GATEWAY', 'EXTERNAL')),
    parent_order_id   uuid          references orders (order_id),  -- the order a replace revised
    kis_order_no      text,                                 -- ODNO
    kis_branch_no     text,                                 -- KRX_FWDG_ORD_ORGNO
    kis_order_time    timestamptz,                          -- ORD_TMD on the trading date, KST
    filled_quantity   bigint        not null default 0 check (filled_quantity >= 0),
    avg_fill_price    numeric(18,4),
    reject_code       text,                                 -- KIS msg_cd for REJECTED, rule id for DENIED
    reject_reason     text,
    time_to_live_ms   bigint,
    created_at        timestamptz   not null default now(),
    updated_at        timestamptz   not null default now(),
    version           bigint        not null default 0,     -- optimistic lock for concurrent transitions
    constraint orders_client_order_id_unique unique (client_order_id)
);
create index orders_account_state_idx on orders (account, state);
create index orders_kis_order_no_idx on orders (account, kis_order_no);
create index orders_created_at_idx on orders (created_at);

-- Every transition, appended; seq orders the events of one order.
create table order_events (
    event_id          bigserial     primary key,
    order_id          uuid          not null references orders (order_id),
    seq               integer       not null,
    event_type        text          not null,
    from_state        text,
    to_state          text          not null,
    cause             text,
    detail            jsonb         not null default '{}'::jsonb,
    occurred_at       timestamptz   not null default now(),
    published_at      timestamptz,                          -- outbox: set once sent to kis.order.events
    constraint order_events_seq_unique unique (order_id, seq)
);
create index order_events_unpublished_idx on order_events (event_id) where published_at is null;

-- Idempotency of intents: one row per client request id, never removed on failure.
-- The table shape is the one Camel's JdbcMessageIdRepository uses, with the primary key it lacks.
create table camel_messageprocessed (
    processorname     varchar(255)  not null,
    messageid         varchar(100)  not null,
    createdat         timestamp     not null default now(),
    primary key (processorname, messageid)
);

-- Fills: one row per execution, keyed by a deterministic id so replays and backfills collapse.
create table fills (
    fill_id             text          primary key,
    order_id            uuid          references orders (order_id),   -- null for orders placed outside the gateway
    account             text          not null,
    kis_order_no        text          not null,
    symbol              text          not null,
    side                text          not null check (side in ('BUY', 'SELL')),
    quantity            bigint        not null check (quantity > 0),
    price               numeric(18,4) not null,
    occurred_at         timestamptz   not null,
    cumulative_quantity bigint        not null,
    source              text          not null check (source in ('STREAM', 'BACKFILL', 'RECONCILE')),
    received_at         timestamptz   not null default now(),
    published_at        timestamptz                              -- outbox: set once on kis.fills
);
create index fills_order_idx on fills (account, kis_order_no);
create index fills_unpublished_idx on fills (received_at) where published_at is null;

-- Positions as the gateway believes them, moved by fills in the fill's transaction.
create table positions (
    account           text          not null,
    symbol            text          not null,
    quantity          bigint        not null,
    avg_price         numeric(18,4),
    updated_at        timestamptz   not null default now(),
    primary key (account, symbol)
);

-- KIS access tokens and WebSocket approval keys, encrypted, so a restart reuses them
-- (KIS messages the account holder on every token issuance).
create table kis_tokens (
    app_key_id        text          not null,               -- hex SHA-256 of the app key, never the key itself
    token_kind        text          not null check (token_kind in ('ACCESS', 'APPROVAL')),
    token_ciphertext  text          not null,               -- AES-GCM, key derived from the app secret; base64(iv||ct)
    issued_at         timestamptz   not null,
    expires_at        timestamptz   not null,
    updated_at        timestamptz   not null default now(),
    primary key (app_key_id, token_kind)
);

-- Kill switches: trading state per scope, persisted; every change is audited.
create table trading_states (
    scope             text          not null check (scope in ('GLOBAL', 'ACCOUNT', 'STRATEGY')),
    scope_key         text          not null,               -- '*' for GLOBAL
    state             text          not null check (state in ('ACTIVE', 'REDUCING', 'HALTED')),
    reason            text,
    changed_by        text          not null,
    changed_at        timestamptz   not null default now(),
    primary key (scope, scope_key)
);

create table audit_log (
    audit_id          bigserial     primary key,
    at                timestamptz   not null default now(),
    actor             text          not null,
    action            text          not null,
    detail            jsonb         not null default '{}'::jsonb
);

-- Compliance alerts raised for human review (Capital Markets Act art. 176 guards).
create table compliance_alerts (
    alert_id          bigserial     primary key,
    raised_at         timestamptz   not null default now(),
    account           text          not null,
    strategy_id       text,
    symbol            text,
    rule              text          not null,
    detail            jsonb         not null default '{}'::jsonb,
    reviewed_at       timestamptz,
    reviewed_by       text
);

-- Reconciliation runs: one row per run; at most one RUNNING per account.
create table recon_runs (
    run_id            bigserial     primary key,
    account           text          not null,
    trigger           text          not null,               -- STARTUP, TIMER, RECONNECT, LEADERSHIP, ON_DEMAND
    started_at        timestamptz   not null default now(),
    finished_at       timestamptz,
    outcome           text          not null default 'RUNNING' check (outcome in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    orders_compared   integer,
    fills_compared    integer,
    settled           integer,
    breaks_opened     integer,
    breaks_resolved   integer,
    error             text
);
create unique index recon_runs_one_running_idx on recon_runs (account) where outcome = 'RUNNING';

-- Breaks: drift that could not be settled with evidence; open until a later run finds it resolved.
create table recon_breaks (
    break_id          bigserial     primary key,
    account           text          not null,
    kind              text          not null,               -- e.g. ORDER_STATUS, MISSING_FILL, POSITION, CASH
    subject           text          not null,               -- what drifted: an order id, a symbol, 'cash'
    opened_run_id     bigint        not null references recon_runs (run_id),
    resolved_run_id   bigint        references recon_runs (run_id),
    opened_at         timestamptz   not null default now(),
    resolved_at       timestamptz,
    local_evidence    jsonb         not null default '{}'::jsonb,
    broker_evidence   jsonb         not null default '{}'::jsonb
);
create unique index recon_breaks_one_open_idx on recon_breaks (account, kind, subject) where resolved_at is null;
