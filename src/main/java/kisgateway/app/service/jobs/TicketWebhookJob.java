package kisgateway.app.service.jobs;

import java.util.Optional;
import kisgateway.ops.tickets.TicketWebhookDeliveries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The webhook's delivery round for the route's timer; nothing to do when no webhook is configured. */
public final class TicketWebhookJob {

    private static final Logger LOG = LoggerFactory.getLogger(TicketWebhookJob.class);

    private final Optional<TicketWebhookDeliveries> deliveries;
    private final String where;
    private final int batchSize;

    public TicketWebhookJob(Optional<TicketWebhookDeliveries> deliveries, Optional<String> where, int batchSize) {
        this.deliveries = deliveries;
        this.where = where.orElse("none");
        this.batchSize = batchSize;
    }

    /** @return changes delivered this round */
    public int deliverDue() throws Exception {
        if (deliveries.isEmpty()) {
            return 0;
        }
        TicketWebhookDeliveries.Round round = deliveries.get().deliverDue(batchSize);
        if (round.failed() + round.deadLettered() > 0) {
            LOG.warn("ticket webhook round webhook={} delivered={} failed={} deadLettered={}", where, round.delivered(),
                    round.failed(), round.deadLettered());
        } else if (round.delivered() > 0) {
            LOG.info("ticket webhook round webhook={} delivered={}", where, round.delivered());
        }
        return round.delivered();
    }
}
