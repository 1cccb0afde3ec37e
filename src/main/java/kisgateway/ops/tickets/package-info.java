/**
 * Tickets for what an operator must look at (issue 19): one per reconciliation break, opened, updated and closed
 * with the break, each change written with its message in one transaction (the outbox of {@code kis.ops.tickets}
 * and of an incident tool's webhook), and the webhook's deliveries with retries and back-off. Plain Java and JDBC,
 * no Camel: the routes (routes/operations-jobs.camel.yaml) say when.
 */
package kisgateway.ops.tickets;
