-- Fills whose order the gateway cannot name yet (the execution notice beat the REST answer that carries the
-- order number, or the order was placed outside the gateway) wait with order_id null; they are attached when
-- the order number is recorded, or published as external fills after a grace period.
create index fills_parked_idx on fills (account, kis_order_no) where order_id is null and published_at is null;

-- The identity of a stream fill: the notice's tuple; a second notice with the same tuple is held back as a
-- suspected duplicate and settled by a backfill of that order against inquire-daily-ccld.
alter table fills add column tuple_key text;
create index fills_tuple_idx on fills (tuple_key);

-- Order-time cash baseline and the reconciliation's view of the day, per account and trading date.
create table account_days (
    account           text          not null,
    trading_date      date          not null,
    opening_cash      numeric(20,4),                        -- broker deposit before today's first fill
    opened_at         timestamptz   not null default now(),
    primary key (account, trading_date)
);

-- Lifecycle notices (an IOC remainder cancelled, a rejection, a cancel confirmed) for an order number no order
-- has yet: the notice beat the REST answer. Replayed when the order number is recorded.
create table parked_notices (
    notice_id         bigserial     primary key,
    account           text          not null,
    kis_order_no      text          not null,
    event_type        text          not null,
    cause             text          not null,
    cancel_order_no   text,
    received_at       timestamptz   not null default now(),
    replayed_at       timestamptz
);
create index parked_notices_open_idx on parked_notices (account, kis_order_no) where replayed_at is null;
