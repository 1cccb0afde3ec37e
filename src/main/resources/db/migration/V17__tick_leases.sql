-- Strategies' tick subscriptions (issue 22): one row per subscriber and symbol, good until expires_at unless the
-- subscriber renews it. The KIS leader decides and writes them; a new leader takes over the unexpired ones, so a
-- leader change keeps every strategy's ticks. Expired rows are deleted by the leader's expiry round.
create table tick_leases (
    subscriber  text          not null,
    symbol      text          not null,
    expires_at  timestamptz   not null,
    primary key (subscriber, symbol)
);
