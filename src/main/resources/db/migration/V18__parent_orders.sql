-- Parent orders (issue 22): a strategy's large order that the gateway slices into children over time (TWAP, POV,
-- LIMIT-SWEEP). The parent has a durable state machine of its own; each child is an ordinary row of orders, under a
-- client order id derived from the parent's id and the slice number, so a re-sent child is caught by the orders'
-- idempotency per (strategy, client order id).
create table parent_orders (
    parent_order_id      uuid          primary key,
    client_order_id      text          not null,
    account              text          not null,
    strategy_id          text          not null,
    symbol               text          not null,
    side                 text          not null check (side in ('BUY', 'SELL')),
    order_type           text          not null,               -- the children's KIS ORD_DVSN code
    exchange             text          not null check (exchange in ('KRX', 'NXT', 'SOR')),
    quantity             bigint        not null check (quantity > 0),
    price                numeric(18,4),                        -- the children's limit; null for market children
    algorithm            text          not null check (algorithm in ('TWAP', 'POV', 'LIMIT_SWEEP')),
    start_at             timestamptz   not null,
    end_at               timestamptz   not null check (end_at > start_at),
    slices               integer       not null default 0,     -- TWAP: the schedule's slices
    target_share         numeric(6,4),                         -- POV: the share of the market's volume
    max_child_quantity   bigint        not null default 0,     -- POV, LIMIT-SWEEP: a child's cap (0: none)
    state                text          not null,
    last_slot            integer       not null default 0,     -- the last schedule slot a child was planned for
    market_volume_base   bigint,                               -- POV: the market's cumulative volume at the start
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    constraint parent_orders_client_order_id_unique unique (strategy_id, client_order_id)
);
create index parent_orders_active_idx on parent_orders (state) where state not in ('DONE', 'CANCELLED', 'FAILED');

-- The children, recorded before each is sent (persist before send): after a crash the same slice goes out again
-- under the same client order id, which the orders' idempotency turns into the order it already made.
create table parent_order_children (
    parent_order_id      uuid          not null references parent_orders (parent_order_id),
    slice_no             integer       not null check (slice_no > 0),
    strategy_id          text          not null,
    client_order_id      text          not null,
    quantity             bigint        not null check (quantity > 0),
    recorded_at          timestamptz   not null,
    primary key (parent_order_id, slice_no),
    constraint parent_order_children_client_unique unique (strategy_id, client_order_id)
);

-- Every transition of a parent, appended (the audit) and published on kis.order.events (the outbox).
create table parent_order_events (
    event_id             bigserial     primary key,
    parent_order_id      uuid          not null references parent_orders (parent_order_id),
    seq                  integer       not null,
    event_type           text          not null,
    from_state           text,
    to_state             text          not null,
    cause                text,
    detail               jsonb         not null default '{}'::jsonb,
    occurred_at          timestamptz   not null,
    published_at         timestamptz,
    constraint parent_order_events_seq_unique unique (parent_order_id, seq)
);
create index parent_order_events_unpublished_idx on parent_order_events (event_id) where published_at is null;
