/**
 * The pre-trade risk and compliance gate (issue 5): plain Java, no Camel, called by the order pipeline before an
 * order is persisted as sendable.
 *
 * <p>Wiring, once at start-up:
 * <pre>{@code
 * Map<String, String> props = ...;                       // the gateway's configuration (risk.* keys)
 * Clock clock = Clock.system(KrxSessionCalendar.SEOUL);
 * RiskSettings settings = RiskSettings.fromProperties(props);          // refuses unknown risk.* keys
 * KrxSessionCalendar calendar = KrxSessionCalendar.fromSettings(settings.session());
 * KillSwitchBoard killSwitches = KillSwitchBoard.load(new JdbcTradingStateStore(dataSource), clock);
 * TradingStateListener.start(unpooledDataSource, "kis-gateway-kill-switches-" + pid, killSwitches, listenSettings);
 * JdbcComplianceAlertStore alertStore = new JdbcComplianceAlertStore(dataSource);
 * PreTradeGate gate = PreTradeGate.create(settings, calendar, killSwitches, riskInputs, clock,
 *         conductHistory, leadershipEpoch);      // windows rebuilt from the books at start and on every new epoch
 * }</pre>
 * Per request:
 * <pre>{@code
 * RiskDecision d = gate.evaluate(order);          // no I/O but the windows' rebuild; RiskInputs answers
 * alertStore.saveAll(connection, d.alerts());      // whatever the verdict, in the order's transaction
 * if (d.allowed()) { persist INTENT_CREATED; gate.recordAccepted(order); send }
 * else             { persist DENIED with reject_code = d.ruleId() and d.values() in the event }
 * }</pre>
 * Operators: {@code killSwitches.switchTo(KillSwitchScope.account("main"), TradingState.HALTED, actor, reason)}.
 */
package kisgateway.risk;
