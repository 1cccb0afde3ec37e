package kisgateway.kis.rest;

import java.time.ZonedDateTime;

/**
 * KIS accepted the order request ({@code rt_cd "0"}).
 *
 * @param orgNo      KRX_FWDG_ORD_ORGNO ("06010" real, "00950" paper), needed to revise or cancel
 * @param orderNo    ODNO as KIS sent it (zero-padded "0001569157", though paper has sent "2696")
 * @param acceptedAt ORD_TMD (HHMMSS, KST) on today's KST date
 */
public record OrderAck(String orgNo, String orderNo, ZonedDateTime acceptedAt, String msgCd, String msg1) {
}
