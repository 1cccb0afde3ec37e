package kisgateway.order.parent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import kisgateway.order.ParentAlgorithm;

/**
 * The next child of a parent order, from its schedule and what its children have done so far. Re-slicing needs no
 * memory of its own: the schedule says how many shares should be filled or working by now, the children say how many
 * are, and the difference is the next child, so a slice's unfilled part (a child cancelled, expired or refused) goes
 * into the next slice, and a TWAP's last shortfall into one catch-up child at the end.
 */
public final class SlicePlanner {

    private SlicePlanner() {
    }

    /**
     * @param marketVolume POV: the market's volume of the symbol since the parent started (null: not known yet)
     */
    public static SlicePlan plan(ParentOrder parent, ParentProgress progress, Instant now, Long marketVolume) {
        ParentAlgorithm a = parent.algorithm();
        long quantity = parent.quantity();
        if (progress.filled() >= quantity) {
            return SlicePlan.STOP;
        }
        if (now.isBefore(a.start())) {
            return SlicePlan.WAIT;
        }
        long open = quantity - progress.committed();
        return switch (a.kind()) {
            case TWAP -> twap(parent, progress, now, open);
            case POV -> {
                if (!now.isBefore(a.end())) {
                    yield SlicePlan.STOP;
                }
                if (marketVolume == null) {
                    yield SlicePlan.WAIT;
                }
                long target = Math.min(quantity, povTarget(a.targetShare(), marketVolume));
                yield child(target - progress.committed(), a.maxChildQuantity(), parent.lastSlot() + 1, false);
            }
            case LIMIT_SWEEP -> !now.isBefore(a.end()) ? SlicePlan.STOP
                    : child(open, a.maxChildQuantity(), parent.lastSlot() + 1, false);
        };
    }

    private static SlicePlan twap(ParentOrder parent, ParentProgress progress, Instant now, long open) {
        ParentAlgorithm a = parent.algorithm();
        int slices = a.slices();
        if (!now.isBefore(a.end())) {
            // the catch-up: what the slices left open, once, then no more
            if (open > 0 && parent.lastSlot() <= slices) {
                return new SlicePlan(open, slices + 1, true);
            }
            return SlicePlan.STOP;
        }
        int due = dueSlot(a, now);
        if (parent.lastSlot() >= due) {
            return SlicePlan.WAIT;
        }
        long target = twapTarget(parent.quantity(), due, slices);
        return child(target - progress.committed(), 0, due, false);
    }

    /** The TWAP slot open at {@code now}: 1 from the start, {@code slices} in the last interval. */
    public static int dueSlot(ParentAlgorithm a, Instant now) {
        Duration elapsed = Duration.between(a.start(), now);
        long interval = Math.max(1, a.interval().toMillis());
        return (int) Math.min(a.slices(), elapsed.toMillis() / interval + 1);
    }

    /** Shares the schedule wants filled or working once slot {@code due} of {@code slices} is open (whole shares). */
    public static long twapTarget(long quantity, int due, int slices) {
        return BigDecimal.valueOf(quantity).multiply(BigDecimal.valueOf(due))
                .divide(BigDecimal.valueOf(slices), 0, RoundingMode.FLOOR).longValueExact();
    }

    /** Shares a POV of {@code share} (0.10 for 10 %) wants after {@code marketVolume} traded (whole shares, down). */
    public static long povTarget(BigDecimal share, long marketVolume) {
        if (marketVolume <= 0) {
            return 0;
        }
        return share.multiply(BigDecimal.valueOf(marketVolume)).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    private static SlicePlan child(long wanted, long cap, int slot, boolean last) {
        if (wanted <= 0) {
            return SlicePlan.WAIT;
        }
        long quantity = cap > 0 ? Math.min(wanted, cap) : wanted;
        return new SlicePlan(quantity, slot, last);
    }
}
