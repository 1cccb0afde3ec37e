-- A fill inferred by a backfill or the reconciliation stands in for notices the stream had not delivered. When
-- those notices arrive after all, each takes its share out of the inferred fill instead of counting again:
-- counted_quantity is what a row counts for in its order, its position and the day's totals (a stream row its
-- quantity; an inferred row what no late notice has taken from it yet), and fill_corrections says which notice
-- took how much from which inferred fill, for kis.fills' correction messages.
alter table fills add column counted_quantity bigint;
update fills set counted_quantity = quantity;
alter table fills alter column counted_quantity set not null;
alter table fills add constraint fills_counted_quantity_range check (counted_quantity >= 0 and counted_quantity <= quantity);

-- the inferred fills a late notice can still take from: few rows, looked up on every run of stream fills
create index fills_inferred_open_idx on fills (account, kis_order_no)
    where source <> 'STREAM' and counted_quantity > 0;

create table fill_corrections (
    fill_id          text   not null references fills (fill_id),   -- the late notice's stream fill
    inferred_fill_id text   not null references fills (fill_id),   -- the inferred fill it took from
    quantity         bigint not null check (quantity > 0),         -- how much it took
    remaining        bigint not null check (remaining >= 0),       -- the inferred fill's counted quantity after
    primary key (fill_id, inferred_fill_id)
);
create index fill_corrections_inferred_idx on fill_corrections (inferred_fill_id);

-- A parked fill published as external and later attributed to an order of ours is published again, restating
-- the first message (kis.fills' "restatement"): this counts how often, and makes each restatement's duplicate id.
alter table fills add column restated integer not null default 0;

-- A parked fill waits, past its grace, while an order of ours that may own it is not settled yet (a send cut
-- off before its number was recorded, a revision whose new number is not known): looked up on every sweep.
create index orders_unsettled_numbers_idx on orders (account, symbol, side)
    where state in ('SUBMITTED', 'RECONCILE_REQUIRED', 'REPLACE_PENDING');
