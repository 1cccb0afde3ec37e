package kisgateway.sim.rest;

import kisgateway.sim.KisEnv;
import kisgateway.sim.trading.RejectReason;

/**
 * The rt_cd / msg_cd / msg1 of business answers (HTTP 200), per domain. Codes seen in community captures:
 * APBK0013, APBK0952 (rt_cd 7), APBK0919, APBK0656, 40600000, 40580000, 40330000, 40250000, KIOK0510, KIOK0460,
 * 20310000, MCA00000. The others (marked "sim") were never captured; they are the simulator's own and documented
 * in docs/simulator.md so nobody mistakes them for KIS facts.
 */
final class BusinessMessages {

    record Message(String rtCd, String msgCd, String msg1) {
    }

    private BusinessMessages() {
    }

    static Message reject(RejectReason reason, KisEnv env) {
        boolean paper = env.isPaper();
        return switch (reason) {
            case INSUFFICIENT_CASH -> paper
                    ? new Message("1", "40250000", "모의투자 주문가능금액이 부족합니다.")
                    : new Message("7", "APBK0952", "주문가능금액을 초과 했습니다");
            case MARKET_CLOSED -> paper
                    ? new Message("1", "40580000", "모의투자 장종료 입니다.")
                    : new Message("1", "APBK0919", "장운영시간이 아닙니다.");
            case NOTHING_TO_REVISE -> paper
                    ? new Message("1", "40330000", "모의투자 정정/취소할 수량이 없습니다.")
                    : new Message("1", "APBK0344", "정정/취소할 수량이 없습니다."); // sim code
            case UNKNOWN_SYMBOL -> new Message("1", "APBK0656", "종목정보를 찾을 수 없습니다.");
            // sim codes from here on
            case INSUFFICIENT_SHARES -> paper
                    ? new Message("1", "40240000", "모의투자 주문가능수량을 초과 했습니다.")
                    : new Message("1", "APBK0400", "주문가능수량을 초과 했습니다.");
            case ORIGINAL_NOT_FOUND -> paper
                    ? new Message("1", "40320000", "모의투자 원주문번호가 존재하지 않습니다.")
                    : new Message("1", "APBK0671", "원주문번호가 존재하지 않습니다.");
            case INVALID_QUANTITY -> paper
                    ? new Message("1", "40310000", "모의투자 주문수량을 확인 하여 주십시요.")
                    : new Message("1", "APBK0506", "주문수량을 확인 하여 주십시요.");
            case INVALID_TICK -> paper
                    ? new Message("1", "40270000", "모의투자 호가단위가 맞지 않습니다.")
                    : new Message("1", "APBK0517", "호가단위가 맞지 않습니다.");
            case PRICE_OUT_OF_BAND -> paper
                    ? new Message("1", "40280000", "모의투자 상/하한가를 벗어난 주문입니다.")
                    : new Message("1", "APBK0518", "상/하한가를 벗어난 주문입니다.");
            case STOP_PRICE_REQUIRED -> new Message("1", "APBK1680", "조건가격을 확인하여 주십시요.");
        };
    }

    static Message orderBooked(KisEnv env, boolean buy) {
        if (env.isPaper()) {
            return new Message("0", "40600000", buy ? "모의투자 매수주문이 완료 되었습니다." : "모의투자 매도주문이 완료 되었습니다.");
        }
        return new Message("0", "APBK0013", "주문 전송 완료 되었습니다.");
    }

    static Message reviseCancelBooked(KisEnv env, boolean cancel) {
        if (env.isPaper()) {
            return new Message("0", "40610000", cancel ? "모의투자 취소주문이 완료 되었습니다." : "모의투자 정정주문이 완료 되었습니다.");
        }
        return new Message("0", "APBK0013", "주문 전송 완료 되었습니다.");
    }

    /** Query answers: KIOK0510 while more pages follow, KIOK0460 on the last; msg1 is space-padded like KIS's. */
    static Message queried(KisEnv env, boolean lastPage) {
        if (env.isPaper()) {
            return new Message("0", "20310000", "모의투자 조회가 완료되었습니다.");
        }
        return lastPage
                ? new Message("0", "KIOK0460", padRight("조회 되었습니다. (마지막 자료)", 40))
                : new Message("0", "KIOK0510", padRight("조회가 완료되었습니다", 40));
    }

    static Message quoted() {
        return new Message("0", "MCA00000", "정상처리 되었습니다.");
    }

    static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
