package kisgateway.app.adapter.api;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/**
 * Where the answer to a query over JMS may go: only to a temporary queue, the requester's own (its connection made
 * it, its name is random, it is gone with the connection). The gateway sends under its own broker identity, which
 * may send anywhere: honouring any JMSReplyTo would let a strategy aim the gateway at kis.fills or another
 * strategy's queue. A request without such an address cannot be answered and is dead-lettered with the reason.
 */
public final class StrategyQueryReplies {

    /** @throws IllegalArgumentException (dead-lettered) when the request has no temporary JMSReplyTo */
    public TemporaryQueue replyTo(Object jmsReplyTo) {
        if (jmsReplyTo == null) {
            throw new IllegalArgumentException("the query has no JMSReplyTo: a query is answered on the requester's"
                    + " temporary queue, so this one cannot be answered");
        }
        if (jmsReplyTo instanceof TemporaryQueue temporary) {
            return temporary;
        }
        throw new IllegalArgumentException("the query's JMSReplyTo is " + describe(jmsReplyTo) + ": answers go only"
                + " to a temporary queue of the requester (Session.createTemporaryQueue)");
    }

    private static String describe(Object destination) {
        try {
            if (destination instanceof jakarta.jms.Queue q) {
                return "the queue " + q.getQueueName();
            }
            if (destination instanceof jakarta.jms.Topic t) {
                return "the topic " + t.getTopicName();
            }
        } catch (JMSException e) {
            // the name is only for the reason
        }
        return "not a temporary queue";
    }
}
