-- Issue 18, a kill switch that acts: HALTED cancels every resting order of its scope at KIS, REDUCING those that add
-- exposure, and an operator may ask for a mass cancel of a scope on its own. Each such run is one row here, named by
-- its request id: the same request asked again (a second click, a redelivered forward, a new leader resuming a
-- switch's run) finds its row and cancels nothing twice. A switch's run is named after the move (scope, state and
-- the move's time), an operator's by the id the operator sent or one the gateway made up.
create table mass_cancels (
    request_id        text          primary key,
    scope             text          not null check (scope in ('GLOBAL', 'ACCOUNT', 'STRATEGY')),
    scope_key         text          not null,
    mode              text          not null check (mode in ('HALTED', 'REDUCING')),
    trigger           text          not null check (trigger in ('KILL_SWITCH', 'OPERATOR')),
    requested_by      text          not null,
    reason            text,
    requested_at      timestamptz   not null,
    started_at        timestamptz   not null,
    finished_at       timestamptz,
    runs              integer       not null default 0
);

-- What each run did with each order of its scope it looked at: canceled, already filled (KIS said too late), the
-- cancel's outcome unknown (reconciliation settles it), refused, kept (REDUCING: it reduces exposure), or left for
-- a later sweep (in flight). One row per order and run; a resumed run overwrites a row only with what it did itself.
create table mass_cancel_orders (
    request_id        text          not null references mass_cancels (request_id),
    order_id          uuid          not null references orders (order_id),
    outcome           text          not null check (outcome in ('CANCELED', 'FILLED', 'AMBIGUOUS', 'REFUSED',
                                                                'NOT_SENT', 'ALREADY_CANCELING', 'IN_FLIGHT', 'KEPT',
                                                                'FAILED')),
    order_state       text          not null,
    detail            text,
    recorded_at       timestamptz   not null,
    primary key (request_id, order_id)
);
