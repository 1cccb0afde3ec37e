package kisgateway.ops.appkeys;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the database holds of an app key (ops_app_keys).
 *
 * @param trackedSince   when the gateway first saw the key: a key never used is idle since then
 * @param lastSuccess    the last successful KIS call with it, on any instance (null: none yet)
 * @param expiryAlertFor the expiry date an expiry alert was raised for (null: none): a renewed key's new date may
 *                       raise its own
 * @param idleAlertFor   the idle period an idle alert was raised for, named by its start (null: none): the key's
 *                       next use starts a new period
 * @param lastCheckedAt  the job's last check of the key (null: never)
 */
public record AppKeyState(String keyId, Instant trackedSince, Instant lastSuccess, LocalDate expiryAlertFor,
                          Instant idleAlertFor, Instant lastCheckedAt) {

    /** The start of the current idle period. */
    public Instant idleSince() {
        return lastSuccess == null ? trackedSince : lastSuccess;
    }
}
