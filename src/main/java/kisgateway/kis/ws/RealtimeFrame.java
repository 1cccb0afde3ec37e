package kisgateway.kis.ws;

/** One text frame of the KIS realtime socket: a data frame, a subscription reply, or a PINGPONG. */
public sealed interface RealtimeFrame permits RealtimeFrame.DataFrame, RealtimeFrame.SubscriptionReply,
        RealtimeFrame.PingPong, RealtimeFrame.OtherControl {

    /**
     * {@code <enc>|<TR_ID>|<cnt>|<payload>}: enc "0" plain / "1" AES-encrypted, cnt records of {@code ^}-joined fields.
     */
    record DataFrame(boolean encrypted, String trId, int count, String payload, String raw) implements RealtimeFrame {
        @Override
        public String toString() {
            return "DataFrame[" + trId + ", encrypted=" + encrypted + ", count=" + count + ", " + payload.length()
                    + " chars]";
        }
    }

    /**
     * The JSON answer to a register/release request. {@code key}/{@code iv} (AES-256 key and IV of that TR) are
     * present on a successful encrypted subscription only.
     */
    record SubscriptionReply(String trId, String trKey, boolean encrypted, String rtCd, String msgCd, String msg1,
                             String key, String iv) implements RealtimeFrame {

        public boolean isSuccess() {
            return "0".equals(rtCd);
        }

        /** OPSP0002 ALREADY IN SUBSCRIBE: benign, the official samples carry on. */
        public boolean isAlreadySubscribed() {
            return "OPSP0002".equals(msgCd);
        }

        /** OPSP0001, or msg1 starting "UNSUB" as kis_auth.py system_resp detects it. */
        public boolean isUnsubscribeAck() {
            return "OPSP0001".equals(msgCd) || msg1 != null && msg1.startsWith("UNSUB");
        }

        /** OPSP0011 invalid approval(appkey): the approval key must be issued anew. */
        public boolean isApprovalRefused() {
            return "OPSP0011".equals(msgCd);
        }

        /** OPSP0008 MAX SUBSCRIBE OVER. */
        public boolean isLimitReached() {
            return "OPSP0008".equals(msgCd);
        }

        /** OPSP8996 ALREADY IN USE appkey: another session holds this app key. */
        public boolean isAppKeyInUse() {
            return "OPSP8996".equals(msgCd);
        }

        public boolean hasCipher() {
            return key != null && !key.isEmpty() && iv != null && !iv.isEmpty();
        }

        @Override
        public String toString() {
            return "SubscriptionReply[" + trId + ", rt_cd=" + rtCd + ", " + msgCd + " " + msg1 + ", encrypted="
                    + encrypted + ", cipher=" + (hasCipher() ? "present" : "absent") + "]";
        }
    }

    /** {@code {"header":{"tr_id":"PINGPONG","datetime":…}}}: answered with a pong frame carrying the same text. */
    record PingPong(String raw) implements RealtimeFrame {
    }

    /** A JSON frame of another kind, kept for logging. */
    record OtherControl(String trId, String raw) implements RealtimeFrame {
        @Override
        public String toString() {
            return "OtherControl[" + trId + "]";
        }
    }
}
