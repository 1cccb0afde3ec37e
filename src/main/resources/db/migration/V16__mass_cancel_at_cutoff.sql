-- Issue 22, a strategy's trading profile: a strategy that declares gateway.strategy.<id>.cancel-entries-at-cutoff has
-- its resting orders that add exposure cancelled at its daily cutoff, by a mass cancel of its scope (REDUCING) named
-- after the strategy and the day. Such a run is recorded with the trigger CUTOFF.
alter table mass_cancels drop constraint mass_cancels_trigger_check;
alter table mass_cancels add constraint mass_cancels_trigger_check
    check (trigger in ('KILL_SWITCH', 'OPERATOR', 'CUTOFF'));
