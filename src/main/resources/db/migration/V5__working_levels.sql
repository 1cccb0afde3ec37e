-- The risk gate reads an account's working book for every order it screens (AccountBookSnapshot). Summing the
-- orders table for that grows with every resting order (2,000 resting orders: ~2.7 ms a screening). Instead the
-- database keeps the book by price level, in the same transaction as every change of an order, so a screening
-- reads a few rows however many orders rest, and every gateway instance sees the same book at once.

-- The orders a level is made of, for finding another sample when the sample order leaves its level.
create index orders_working_book_idx on orders (account, symbol, side, price)
    include (order_id)
    where state in ('INTENT_CREATED', 'SUBMITTED', 'ACKED', 'PARTIAL_FILLED', 'CANCEL_PENDING', 'REPLACE_PENDING',
                    'RECONCILE_REQUIRED')
      and quantity > filled_quantity;

-- One row per account, symbol, side and limit price of the orders that are or may soon be at KIS (the states
-- above, with shares still open). price 0 holds the market-type orders (no limit price).
create table working_levels (
    account           text          not null,
    symbol            text          not null,
    side              text          not null,
    price             numeric(18,4) not null,
    open_quantity     bigint        not null check (open_quantity >= 0),
    orders            integer       not null check (orders > 0),
    sample_order_id   uuid          not null,               -- one order of the level, named in a self-cross alert
    primary key (account, symbol, side, price)
);

-- An order leaves its level: the level loses its shares and the order, or goes when it was the last one.
create function working_level_remove(o orders) returns void language plpgsql as $$
begin
    update working_levels
       set open_quantity = open_quantity - (o.quantity - o.filled_quantity),
           orders = orders - 1,
           sample_order_id = case when sample_order_id <> o.order_id then sample_order_id else coalesce(
               (select w.order_id from orders w
                 where w.account = o.account and w.symbol = o.symbol and w.side = o.side
                   and coalesce(w.price, 0) = coalesce(o.price, 0) and w.order_id <> o.order_id
                   and w.state in ('INTENT_CREATED', 'SUBMITTED', 'ACKED', 'PARTIAL_FILLED', 'CANCEL_PENDING',
                                   'REPLACE_PENDING', 'RECONCILE_REQUIRED')
                   and w.quantity > w.filled_quantity
                 limit 1), sample_order_id) end
     where account = o.account and symbol = o.symbol and side = o.side and price = coalesce(o.price, 0)
       and orders > 1;
    if not found then
        delete from working_levels
         where account = o.account and symbol = o.symbol and side = o.side and price = coalesce(o.price, 0);
    end if;
end $$;

-- An order joins its level. The newest order becomes the sample: it is certainly working now, whatever a removal
-- running at the same time found.
create function working_level_add(o orders) returns void language plpgsql as $$
begin
    insert into working_levels (account, symbol, side, price, open_quantity, orders, sample_order_id)
    values (o.account, o.symbol, o.side, coalesce(o.price, 0), o.quantity - o.filled_quantity, 1, o.order_id)
    on conflict (account, symbol, side, price) do update
       set open_quantity = working_levels.open_quantity + excluded.open_quantity,
           orders = working_levels.orders + 1,
           sample_order_id = excluded.sample_order_id;
end $$;

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
        -- same level: only its open quantity moves (a partial fill, a revised quantity)
        if old.quantity - old.filled_quantity <> new.quantity - new.filled_quantity then
            update working_levels
               set open_quantity = open_quantity + (new.quantity - new.filled_quantity) - (old.quantity - old.filled_quantity)
             where account = new.account and symbol = new.symbol and side = new.side and price = coalesce(new.price, 0);
        end if;
        return null;
    end if;
    -- two levels are touched in key order, so two revisions crossing each other's prices cannot deadlock
    if old_in and new_in and (new.account, new.symbol, new.side, coalesce(new.price, 0))
            < (old.account, old.symbol, old.side, coalesce(old.price, 0)) then
        perform working_level_add(new);
        perform working_level_remove(old);
        return null;
    end if;
    if old_in then
        perform working_level_remove(old);
    end if;
    if new_in then
        perform working_level_add(new);
    end if;
    return null;
end $$;

create trigger orders_working_level after insert or update or delete on orders
    for each row execute function orders_move_working_level();

insert into working_levels (account, symbol, side, price, open_quantity, orders, sample_order_id)
select account, symbol, side, coalesce(price, 0), sum(quantity - filled_quantity), count(*),
       (array_agg(order_id))[1]
  from orders
 where state in ('INTENT_CREATED', 'SUBMITTED', 'ACKED', 'PARTIAL_FILLED', 'CANCEL_PENDING', 'REPLACE_PENDING',
                 'RECONCILE_REQUIRED')
   and quantity > filled_quantity
 group by account, symbol, side, coalesce(price, 0);
