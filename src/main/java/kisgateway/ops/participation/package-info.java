/**
 * Participation review (issue 19; Capital Markets Act art. 176 asks a desk to notice when its bots become a large
 * part of a symbol's trading): per symbol and time bucket the gateway's executed volume against the market's (the
 * trade stream's cumulative volume); above a configured share the strategy behind most of it goes REDUCING and a
 * ticket asks an operator for review. Plain Java and JDBC, no Camel.
 */
package kisgateway.ops.participation;
