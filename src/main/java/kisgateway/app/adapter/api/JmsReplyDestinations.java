package kisgateway.app.adapter.api;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;

/**
 * Where the answer to a strategy's JMS request (a query, a tick subscription) may go: only to a temporary queue, the
 * requester's own (its connection made it, its name is random, it is gone with the connection). The gateway sends
 * under its own broker identity, which may send anywhere: honouring any JMSReplyTo would let a strategy aim the
 * gateway at kis.fills or another strategy's queue. A request with another address is refused before it is acted on
 * and dead-lettered with the reason.
 */
public final class JmsReplyDestinations {

    /** @throws IllegalArgumentException (dead-lettered) when the request has no temporary JMSReplyTo */
    public TemporaryQueue replyTo(Object jmsReplyTo) {
        if (jmsReplyTo == null) {
            throw new IllegalArgumentException("the query has no JMSReplyTo: a query is answered on the requester's"
                    + " temporary queue, so this one cannot be answered");
        }
        if (jmsReplyTo instanceof TemporaryQueue temporary) {
            return temporary;
        }
        throw new IllegalArgumentException("the request's JMSReplyTo is " + describe(jmsReplyTo) + ": answers go only"
                + " to a temporary queue of the requester (Session.createTemporaryQueue)");
    }

    /**
     * For a request that may go unanswered (a tick subscription): none without a JMSReplyTo.
     *
     * @throws IllegalArgumentException (dead-lettered) when the JMSReplyTo is not a temporary queue
     */
    public TemporaryQueue replyToIfAny(Object jmsReplyTo) {
        return jmsReplyTo == null ? null : replyTo(jmsReplyTo);
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
