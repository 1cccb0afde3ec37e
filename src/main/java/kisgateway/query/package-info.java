/**
 * What a strategy may ask the gateway about an account: its open orders, its positions with their unrealised
 * profit and loss, and the cash it can still order with, each read from the gateway's own books (no call to KIS:
 * the app key's budget belongs to orders) and marked with how fresh it is and whether the last reconciliation
 * confirmed it. Plain JDBC readers and values; who may ask what is decided by the caller (kisgateway.app.adapter.api).
 */
package kisgateway.query;
