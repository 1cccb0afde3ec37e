-- Issue 17, many instances on one app key: what every instance trading a key must agree on (kis.mode, the KIS
-- hosts, the key's REST budget), as the first instance to start set it. An instance whose settings differ refuses
-- to start. Each running instance marks the row alive; a row nobody marked alive for
-- cluster.key-settings.stale-after-ms takes the settings of the next instance that starts (how an operator changes
-- a value on purpose; deleting the row after stopping every instance does it at once).
create table cluster_key_settings (
    app_key_id     text          primary key,             -- hex SHA-256 of the app key, never the key itself
    settings       jsonb         not null,                -- {"kis.mode": "live", "kis.rest.permits-per-second": "18", ...}
    registered_at  timestamptz   not null default now(),  -- when these settings became the cluster's
    last_seen_at   timestamptz   not null default now()   -- the last heartbeat of any instance running with them
);
