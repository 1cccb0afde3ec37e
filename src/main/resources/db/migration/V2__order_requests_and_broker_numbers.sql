-- Cancel and replace requests carry their own client id: one row each, written in the transaction that
-- moves the order to CANCEL_PENDING / REPLACE_PENDING, so a redelivered or retried request is recognised
-- and never sent to KIS twice.
create table order_requests (
    client_request_id text          primary key,
    order_id          uuid          not null references orders (order_id),
    kind              text          not null check (kind in ('CANCEL', 'REPLACE')),
    strategy_id       text          not null,
    quantity          bigint,
    price             numeric(18,4),
    state             text          not null default 'PENDING' check (state in ('PENDING', 'ACKED', 'REJECTED', 'AMBIGUOUS', 'REFUSED')),
    kis_order_no      text,                                 -- the ODNO KIS gave the cancel/revision itself
    reason            text,
    created_at        timestamptz   not null default now(),
    updated_at        timestamptz   not null default now()
);
create index order_requests_order_idx on order_requests (order_id);

-- Every KIS order number an order has had: a revision gets a new ODNO (the chain), and a fill for the old
-- number that races the revision must still find its order.
create table order_broker_numbers (
    account           text          not null,
    kis_order_no      text          not null,
    order_id          uuid          not null references orders (order_id),
    role              text          not null check (role in ('ORIGINAL', 'REVISION', 'CANCEL')),
    recorded_at       timestamptz   not null default now(),
    primary key (account, kis_order_no)
);
create index order_broker_numbers_order_idx on order_broker_numbers (order_id);

-- The idempotency of new orders is the unique client_order_id of orders (create-or-get in one statement);
-- Camel's JDBC repository (record first, process after) would lose an intent on a crash between the two.
drop table camel_messageprocessed;

-- Realized profit and loss of the trading day, per position, moved by sells in the fill's transaction
-- (the daily loss cap adds the unrealized part at the last prices).
alter table positions add column realized_pnl_today numeric(20,4) not null default 0;
alter table positions add column trading_date date;
