package kisgateway.sim.market;

import java.util.Objects;

/**
 * A KRX-listed stock the simulator trades.
 *
 * @param code          6-digit short code (PDNO, STCK_SHRN_ISCD)
 * @param name          Korean product name (PRDT_NAME, CNTG_ISNM40)
 * @param previousClose yesterday's close in KRW: the base price of today's ±30 % band
 * @param listedShares  shares outstanding, only for the quotation fields that show it
 */
public record Instrument(String code, String name, long previousClose, long listedShares) {

    public Instrument {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        if (!code.matches("[0-9A-Z]{6,7}")) {
            throw new IllegalArgumentException("instrument code must be 6 (ETN 7) characters: " + code);
        }
        if (previousClose <= 0 || !TickSize.isOnTick(previousClose)) {
            throw new IllegalArgumentException("previous close of " + code + " must be positive and on a KRX tick");
        }
    }

    public Instrument(String code, String name, long previousClose) {
        this(code, name, previousClose, 100_000_000L);
    }

    public PriceBand band() {
        return PriceBand.around(previousClose);
    }
}
