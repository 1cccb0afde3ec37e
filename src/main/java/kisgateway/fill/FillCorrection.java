package kisgateway.fill;

/**
 * What a late execution notice took out of a fill inferred before it (by a backfill or the reconciliation): the
 * inferred fill had stood in for this notice's shares, so the notice reports their real price and time and the
 * inferred fill keeps standing for the rest.
 *
 * @param inferredFillId the inferred fill's execution id
 * @param quantity       the shares this notice took from it
 * @param remaining      the shares the inferred fill stands for after this notice
 */
public record FillCorrection(String inferredFillId, long quantity, long remaining) {

    public FillCorrection {
        if (quantity <= 0 || remaining < 0) {
            throw new IllegalArgumentException("a correction takes a positive quantity and leaves none or more: "
                    + quantity + ", " + remaining);
        }
    }
}
