-- A client order id is its strategy's own: the idempotency key of a new order, and of a cancel or replace
-- request, within the strategy that sent it. Unique across all strategies, one strategy could take an id
-- another was about to use (its intent then answered with someone else's order, or refused as a conflict), and
-- a cancel naming an id found another strategy's order.
--
-- The client id leads each key, the strategy second: the create's "on conflict" and every look-up name both, and
-- an operator looking an id up across strategies reads the same index by its first column.
alter table orders drop constraint orders_client_order_id_unique;
alter table orders add constraint orders_client_order_id_strategy_unique unique (client_order_id, strategy_id);

alter table order_requests drop constraint order_requests_pkey;
alter table order_requests add constraint order_requests_pkey primary key (client_request_id, strategy_id);
