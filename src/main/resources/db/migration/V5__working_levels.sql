-- The risk gate reads an account's working book for every order it screens (AccountBookSnapshot). Summing the
-- orders table for that grows with every resting order (2,000 resting orders: ~2.7 ms a screening). Instead the
-- database keeps the book by price level, so a screening reads a few rows however many orders rest, and every
-- gateway instance sees the same book at once.
--
-- Every change of an order appends a move (working_level_moves) in the order's own transaction; nothing is
-- updated in place there, so an order's transaction never waits for, or deadlocks with, another order's on a
-- shared level row (a fill batch and a cancel of one of its orders would). fold_working_level_moves() (a timer,
-- orders.working-levels.fold-period-ms) folds the committed moves into working_levels in one statement; a reader
-- sums the levels and the moves not folded yet.

-- The working orders of a level, for naming a level by one of them.
create index orders_working_book_idx on orders (account, symbol, side, price)
    include (order_id)
    where state in ('INTENT_CREATED', 'SUBMITTED', 'ACKED', 'PARTIAL_FILLED', 'CANCEL_PENDING', 'REPLACE_PENDING',
                    'RECONCILE_REQUIRED')
      and quantity > filled_quantity;

-- Per account, symbol, side and limit price (0 for market-type orders) of the orders that are or may soon be at KIS
-- (the states above, with shares still open): their open shares and their number, as of the last fold.
create table working_levels (
    account           text          not null,
    symbol            text          not null,
    side              text          not null,
    price             numeric(18,4) not null,
    open_quantity     bigint        not null,
    orders            integer       not null,
    primary key (account, symbol, side, price)
);

create table working_level_moves (
    move_id           bigserial     primary key,
    account           text          not null,
    symbol            text          not null,
    side              text          not null,
    price             numeric(18,4) not null,
    open_delta        bigint        not null,
    orders_delta      integer       not null
);
create index working_level_moves_account_idx on working_level_moves (account);

create function orders_move_working_level() returns trigger language plpgsql as $$
declare
    working constant text[] := array['INTENT_CREATED', 'SUBMITTED', 'ACKED', 'PARTIAL_FILLED', 'CANCEL_PENDING',
        'REPLACE_PENDING', 'RECONCILE_REQUIRED'];
    old_in boolean := false;
    new_in boolean := false;
begin
    if tg_op in ('UPDATE', 'DELETE') then
        old_in := old.state = any (working) and old.quantity > old.filled_quantity;
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
        new_in := new.state = any (working) and new.quantity > new.filled_quantity;
    end if;
    if old_in and new_in and (old.account, old.symbol, old.side, coalesce(old.price, 0))
            = (new.account, new.symbol, new.side, coalesce(new.price, 0)) then
        -- same level: only its open shares move (a partial fill, a revised quantity), if at all
        if old.quantity - old.filled_quantity <> new.quantity - new.filled_quantity then
            insert into working_level_moves (account, symbol, side, price, open_delta, orders_delta)
            values (new.account, new.symbol, new.side, coalesce(new.price, 0),
                    (new.quantity - new.filled_quantity) - (old.quantity - old.filled_quantity), 0);
        end if;
        return null;
    end if;
    if old_in then
        insert into working_level_moves (account, symbol, side, price, open_delta, orders_delta)
        values (old.account, old.symbol, old.side, coalesce(old.price, 0), -(old.quantity - old.filled_quantity), -1);
    end if;
    if new_in then
        insert into working_level_moves (account, symbol, side, price, open_delta, orders_delta)
        values (new.account, new.symbol, new.side, coalesce(new.price, 0), new.quantity - new.filled_quantity, 1);
    end if;
    return null;
end $$;

create trigger orders_working_level after insert or update or delete on orders
    for each row execute function orders_move_working_level();

-- Folds the moves committed so far into the levels, in one statement (a reader sees the moves or their sum, never
-- both or neither); moves committed meanwhile wait for the next fold. Folds running at once on several instances
-- take disjoint moves: a move deleted by one is gone for the other. Returns the moves folded.
create function fold_working_level_moves() returns integer language plpgsql as $$
declare
    folded integer;
begin
    with moved as (
        delete from working_level_moves returning account, symbol, side, price, open_delta, orders_delta
    ), summed as (
        select account, symbol, side, price, sum(open_delta) as open_delta, sum(orders_delta) as orders_delta,
               count(*) as moves
          from moved group by account, symbol, side, price
    ), upserted as (
        insert into working_levels (account, symbol, side, price, open_quantity, orders)
        select account, symbol, side, price, open_delta, orders_delta from summed
        on conflict (account, symbol, side, price) do update
           set open_quantity = working_levels.open_quantity + excluded.open_quantity,
               orders = working_levels.orders + excluded.orders
    )
    select coalesce(sum(moves), 0)::integer into folded from summed;
    -- a level whose last order left is gone (a fold running at once that fills it again keeps it: the row is
    -- checked again after its lock)
    delete from working_levels where orders = 0 and open_quantity = 0;
    return folded;
end $$;

insert into working_levels (account, symbol, side, price, open_quantity, orders)
select account, symbol, side, coalesce(price, 0), sum(quantity - filled_quantity), count(*)
  from orders
 where state in ('INTENT_CREATED', 'SUBMITTED', 'ACKED', 'PARTIAL_FILLED', 'CANCEL_PENDING',
                 'REPLACE_PENDING', 'RECONCILE_REQUIRED')
   and quantity > filled_quantity
 group by account, symbol, side, coalesce(price, 0);
