-- A break is published to kis.recon.breaks once (an outbox flag: a failed send is retried by the next run).
alter table recon_breaks add column summary text;
alter table recon_breaks add column published_at timestamptz;
create index recon_breaks_unpublished_idx on recon_breaks (break_id) where published_at is null;

-- The cash the broker reported at the day's first reconciliation, less the fills the gateway knew of then:
-- what the day started with. Expected cash later = this + the day's sells - the day's buys, as the gateway
-- recorded them; a difference beyond the tolerance is a cash break.
alter table account_days add column cash_measure text;
