-- Issue 17, one instance screens the cluster's orders: the compliance windows (order rate, cancel/replace burst,
-- quote pattern) are counted in its memory, and rebuilt from the books before its first screening after start-up
-- and after each leadership gain, so a restart or a failover does not empty them. New orders come from orders; a
-- cancel or revision counts from its row here, with the quote it withdrew (the order's price and open quantity as
-- the gate screened it), which the row now keeps. Rows from before have none: they count for the burst only.
-- created_at is stamped on the gateway's clock from now on, as orders.created_at is (in sim mode the simulator's
-- session clock, hours behind the database's now()), so the rebuild compares like with like.
alter table order_requests add column withdrawn_price numeric(18,4);       -- null for a market-type order
alter table order_requests add column withdrawn_quantity bigint;

-- the rebuild reads the last few minutes of requests of every account
create index order_requests_created_at_idx on order_requests (created_at);
