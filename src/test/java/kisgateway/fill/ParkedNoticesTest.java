package kisgateway.fill;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import kisgateway.order.OrderEventType;
import kisgateway.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;

/**
 * The periodic catch-up finds what was parked, on the gateway's clock: in sim mode that clock opens the
 * session at 09:00 KST and so runs hours behind the database's, and an IOC's market cancel parked then must
 * still be replayed (it was not, and the order stayed ACKED while the exchange had it cancelled).
 */
class ParkedNoticesTest {

    private final DataSource db = SharedInfrastructure.get().dataSource().dataSource();
    private final String account = "parked-" + System.nanoTime();

    private static Clock at(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    private static List<String> numbersOf(List<String[]> waiting, String account) {
        return waiting.stream().filter(k -> k[0].equals(account)).map(k -> k[1]).toList();
    }

    @Test
    void aNoticeParkedOnASessionClockHoursBehindTheDatabaseIsStillWaiting() {
        Instant session = Instant.now().minus(Duration.ofHours(3));
        ParkedNotices parked = new ParkedNotices(db, at(session));
        parked.park(account, "0000123", OrderEventType.BROKER_CANCEL, "the market cancelled the IOC remainder", null);

        ParkedNotices later = new ParkedNotices(db, at(session.plusSeconds(2)));
        assertThat(numbersOf(later.waiting(), account)).containsExactly("0000123");
        assertThat(later.take(account, "0000123")).extracting(ParkedNotices.Parked::event)
                .containsExactly(OrderEventType.BROKER_CANCEL);
        assertThat(numbersOf(later.waiting(), account)).as("taken once").isEmpty();
    }

    @Test
    void aNumberUnknownForMoreThanAnHourOfTheSameClockIsNoLongerWaitedFor() {
        Instant session = Instant.now().minus(Duration.ofHours(5));
        new ParkedNotices(db, at(session)).park(account, "0000777", OrderEventType.BROKER_CANCEL, "not ours", null);
        new ParkedNotices(db, at(session.plus(Duration.ofMinutes(59)))).park(account, "0000778",
                OrderEventType.BROKER_CANCEL, "ours, late", null);

        List<String[]> waiting = new ParkedNotices(db, at(session.plus(Duration.ofMinutes(61)))).waiting();

        assertThat(numbersOf(waiting, account)).containsExactly("0000778");
    }
}
