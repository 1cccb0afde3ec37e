package kisgateway.app.adapter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import kisgateway.ops.participation.ParticipationReview;
import kisgateway.ops.tickets.ReviewTickets;

/** The operator API of participation reviews (docs/openapi.json): the open ones, and clearing one. */
public final class ParticipationAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ParticipationReview review;

    public ParticipationAnswers(ParticipationReview review) {
        this.review = review;
    }

    public String open() {
        ArrayNode out = JSON.createArrayNode();
        review.openReviews().forEach(r -> out.add(view(r)));
        return out.toString();
    }

    /** @param ticketId from the path: a number, else 400; no such open review: 404 */
    public String clear(String ticketId, String operator) {
        long id;
        try {
            id = Long.parseLong(ticketId);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ticketId must be a number");
        }
        ReviewTickets.Review cleared = review.clear(id, operator)
                .orElseThrow(() -> new OrderApiResponses.NotFound("no open participation review " + id));
        ObjectNode n = view(cleared);
        n.put("state", "CLOSED");
        n.put("clearedBy", operator);
        return n.toString();
    }

    private static ObjectNode view(ReviewTickets.Review r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ticketId", r.ticketId());
        n.put("state", r.state());
        n.put("strategyId", ParticipationReview.strategyOf(r));
        n.put("symbol", r.subject());
        n.put("account", r.account());
        n.put("summary", r.summary());
        n.put("openedAt", r.openedAt().toString());
        try {
            n.set("gateway", JSON.readTree(r.localEvidence()));
            n.set("market", JSON.readTree(r.brokerEvidence()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("participation ticket " + r.ticketId() + " holds evidence that is not JSON", e);
        }
        return n;
    }
}
