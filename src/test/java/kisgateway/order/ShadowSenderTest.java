package kisgateway.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/** The shadow flag at the create, and the guard for a live order whose account went to SHADOW before it was sent. */
class ShadowSenderTest {

    private final JdbcOrderStore store = new JdbcOrderStore(SharedInfrastructure.get().dataSource().dataSource(),
            Clock.systemUTC());

    private static OrderIntent intent(String account) {
        return new OrderIntent("sh-" + UUID.randomUUID(), account, "s1", "005930", Side.BUY, 5, OrderType.LIMIT,
                new BigDecimal("71000"), Exchange.KRX, Duration.ofSeconds(2), Instant.now());
    }

    @Test
    void anOrderTakenInShadowIsAShadowOneForLifeAndEveryEventSaysSo() {
        OrderIntake intake = new OrderIntake(store, (account, strategy) -> account.equals("shadowed"));
        OrderRecord shadow = intake.accept(intent("shadowed")).order();
        OrderRecord live = intake.accept(intent("main")).order();
        assertThat(shadow.shadow()).isTrue();
        assertThat(live.shadow()).isFalse();
        assertThat(store.byId(shadow.orderId()).orElseThrow().shadow()).isTrue();
        assertThat(store.unpublishedEvents(10_000).stream().filter(e -> e.orderId().equals(shadow.orderId())))
                .isNotEmpty().allMatch(OrderEventRecord::shadow);
    }

    @Test
    void aLiveOrderWhoseAccountWentToShadowBeforeItsSendIsDeniedNotSentNorShadowed() {
        OrderRecord live = new OrderIntake(store).accept(intent("main")).order();
        ShadowSender sender = new ShadowSender(store, null, alias -> null, (account, strategy) -> true,
                account -> { }, Clock.systemUTC());
        assertThat(sender.demotedSinceIntake(live)).isTrue();
        OrderRecord denied = sender.refuseDemoted(live);
        assertThat(denied.state()).isEqualTo(OrderState.DENIED);
        assertThat(denied.rejectCode()).isEqualTo(ShadowSender.DEMOTED_RULE);

        ShadowSender stillLive = new ShadowSender(store, null, alias -> null, (account, strategy) -> false,
                account -> { }, Clock.systemUTC());
        assertThat(stillLive.demotedSinceIntake(new OrderIntake(store).accept(intent("main")).order())).isFalse();
    }
}
