package kisgateway.sim.trading;

import java.util.Optional;

import kisgateway.sim.market.KrxPhase;

/** ORD_DVSN for KRX (KIS's order-cash specification) with how the simulator prices, conditions and times each. */
public enum OrderKind {
    LIMIT("00", "지정가", Pricing.LIMIT, OrderCondition.NONE, Window.REGULAR),
    MARKET("01", "시장가", Pricing.MARKET, OrderCondition.NONE, Window.REGULAR),
    CONDITIONAL_LIMIT("02", "조건부지정가", Pricing.LIMIT, OrderCondition.NONE, Window.REGULAR),
    BEST_LIMIT("03", "최유리지정가", Pricing.AT_TOUCH, OrderCondition.NONE, Window.REGULAR),
    PRIORITY_LIMIT("04", "최우선지정가", Pricing.OWN_SIDE, OrderCondition.NONE, Window.REGULAR),
    PRE_MARKET_CLOSE("05", "장전 시간외", Pricing.PREVIOUS_CLOSE, OrderCondition.NONE, Window.PRE_MARKET),
    POST_MARKET_CLOSE("06", "장후 시간외", Pricing.TODAYS_CLOSE, OrderCondition.NONE, Window.POST_MARKET),
    AFTER_HOURS_SINGLE_PRICE("07", "시간외 단일가", Pricing.LIMIT, OrderCondition.NONE, Window.SINGLE_PRICE),
    IOC_LIMIT("11", "IOC지정가", Pricing.LIMIT, OrderCondition.IOC, Window.CONTINUOUS),
    FOK_LIMIT("12", "FOK지정가", Pricing.LIMIT, OrderCondition.FOK, Window.CONTINUOUS),
    IOC_MARKET("13", "IOC시장가", Pricing.MARKET, OrderCondition.IOC, Window.CONTINUOUS),
    FOK_MARKET("14", "FOK시장가", Pricing.MARKET, OrderCondition.FOK, Window.CONTINUOUS),
    IOC_BEST("15", "IOC최유리", Pricing.AT_TOUCH, OrderCondition.IOC, Window.CONTINUOUS),
    FOK_BEST("16", "FOK최유리", Pricing.AT_TOUCH, OrderCondition.FOK, Window.CONTINUOUS),
    MID("21", "중간가", Pricing.AT_TOUCH, OrderCondition.NONE, Window.CONTINUOUS),
    STOP_LIMIT("22", "스톱지정가", Pricing.LIMIT, OrderCondition.NONE, Window.REGULAR),
    MID_IOC("23", "중간가IOC", Pricing.AT_TOUCH, OrderCondition.IOC, Window.CONTINUOUS),
    MID_FOK("24", "중간가FOK", Pricing.AT_TOUCH, OrderCondition.FOK, Window.CONTINUOUS);

    /** How the working price is found. */
    public enum Pricing {
        /** ORD_UNPR is the limit. */
        LIMIT,
        /** No price: executes at once at the last price; buying power is held at the upper limit. */
        MARKET,
        /** No price: takes the opposite touch at once (best, mid: the simulator's touch is the last price). */
        AT_TOUCH,
        /** No price: joins its own side one tick away from the last price and waits. */
        OWN_SIDE,
        /** Yesterday's close. */
        PREVIOUS_CLOSE,
        /** Today's close (the last price). */
        TODAYS_CLOSE
    }

    /** When KRX takes the order. */
    public enum Window {
        REGULAR, CONTINUOUS, PRE_MARKET, POST_MARKET, SINGLE_PRICE;

        boolean accepts(KrxPhase phase) {
            return switch (this) {
                case REGULAR -> phase.acceptsRegularOrders();
                case CONTINUOUS -> phase.matches();
                case PRE_MARKET -> phase == KrxPhase.PRE_MARKET;
                case POST_MARKET -> phase == KrxPhase.POST_MARKET;
                case SINGLE_PRICE -> phase == KrxPhase.AFTER_HOURS_SINGLE_PRICE;
            };
        }
    }

    private final String code;
    private final String koreanName;
    private final Pricing pricing;
    private final OrderCondition condition;
    private final Window window;

    OrderKind(String code, String koreanName, Pricing pricing, OrderCondition condition, Window window) {
        this.code = code;
        this.koreanName = koreanName;
        this.pricing = pricing;
        this.condition = condition;
        this.window = window;
    }

    public static Optional<OrderKind> ofCode(String code) {
        for (OrderKind kind : values()) {
            if (kind.code.equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    public String code() {
        return code;
    }

    public String koreanName() {
        return koreanName;
    }

    public Pricing pricing() {
        return pricing;
    }

    public OrderCondition condition() {
        return condition;
    }

    public boolean acceptedIn(KrxPhase phase) {
        return window.accepts(phase);
    }

    /** ORD_UNPR must carry a price; for the others KIS expects "0". */
    public boolean needsPrice() {
        return pricing == Pricing.LIMIT;
    }

    public boolean executesAtOnce() {
        return pricing == Pricing.MARKET || pricing == Pricing.AT_TOUCH;
    }

    public boolean isStop() {
        return this == STOP_LIMIT;
    }
}
