-- The weekly kill-switch drill's slots: the instance that inserts an account's slot (the drill's date) runs that
-- drill; a second instance, a restart or a second poll inside the window finds the row and runs nothing. The
-- drills themselves are in kill_switch_drills (V12), which the rollout's RAMP gate reads.
create table kill_switch_drill_slots (
    account     text          not null,
    slot        date          not null,
    drill_id    text          not null,
    claimed_at  timestamptz   not null,
    primary key (account, slot)
);
