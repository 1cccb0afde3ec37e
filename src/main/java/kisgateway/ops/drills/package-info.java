/**
 * The weekly kill-switch drill: the gateway pulls its own kill switch on a drill strategy, with one tiny resting
 * order of its own far from the market, and proves the switch stops new orders and cancels the resting one at KIS.
 * Plain Java; the gateway's order flow and kill switches are reached through {@link kisgateway.ops.drills.DrillDesk}.
 */
package kisgateway.ops.drills;
