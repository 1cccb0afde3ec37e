package kisgateway.sim.rest;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import kisgateway.sim.fault.FaultPlan;

/**
 * Answers an order that was booked, unless the fault plan makes the outcome ambiguous: the order stays booked
 * but the answer comes late, never, as a dropped connection, or byte by byte after its headers (the gateway's
 * rule that an unproven send is reconciled, never resent, is tested against this).
 */
final class BookedOrderReply {
    private static final Logger LOG = LoggerFactory.getLogger(BookedOrderReply.class);

    private BookedOrderReply() {
    }

    static void send(KisCall call, ObjectNode body, FaultPlan faults, Vertx vertx) {
        Optional<FaultPlan.AmbiguousReply> ambiguous = faults.takeAmbiguousOrder();
        if (ambiguous.isEmpty()) {
            call.reply(body, null);
            return;
        }
        FaultPlan.AmbiguousReply a = ambiguous.get();
        LOG.info("order booked, reply made ambiguous mode={} delayMillis={} odno={}", a.mode(), a.delayMillis(),
                body.path("output").path("ODNO").asText());
        switch (a.mode()) {
            case DELAY -> vertx.setTimer(Math.max(1, a.delayMillis()), t -> call.reply(body, null));
            case RESET -> call.rc.request().connection().close();
            case DRIP -> KisReply.drip(call.rc, call.trId, body, vertx, a.delayMillis() > 0 ? a.delayMillis() : 1_000);
            case DROP -> {
                // no answer at all: the client's own timeout decides
            }
        }
    }
}
