/**
 * App-key liveness (issue 19): KIS grants an application a year of service and may deactivate a key unused for
 * three months. Per app key, the expiry date configured from the KIS portal and the last successful KIS call (kept
 * in memory on the call's path, written to the database at most once a flush period), judged against thresholds,
 * each alert raised once per crossing across restarts and instances. Plain Java and JDBC, no Camel.
 */
package kisgateway.ops.appkeys;
