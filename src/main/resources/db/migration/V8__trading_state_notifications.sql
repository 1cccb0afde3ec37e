-- Every committed change of a kill switch is announced on the channel trading_states, so that every gateway
-- instance re-reads the switches at once instead of on its timer. A trigger rather than the store's own code: a
-- switch moved by hand in psql during an incident reaches every instance too. NOTIFY belongs to the transaction:
-- the notice leaves on commit, after the row is visible, and never for a change that was rolled back. The payload
-- is only the statement's kind; a listener re-reads every switch (a handful of rows) rather than trust a delta.
create function trading_states_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('trading_states', tg_op);
    return null;
end $$;

create trigger trading_states_notify
    after insert or update or delete or truncate on trading_states
    for each statement execute function trading_states_notify();
