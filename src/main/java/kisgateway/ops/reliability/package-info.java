/**
 * Reliability (issue 20): the execution-notice stream's incidents kept in the database, the order outcome and
 * acknowledgement meters read from the order books, and the figures the daily report's reliability section
 * shows. Plain Java and JDBC, no Camel: the routes say when.
 */
package kisgateway.ops.reliability;
