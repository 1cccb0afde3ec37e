package kisgateway.app.service.leadership;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterMember;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.cluster.CamelClusterView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this instance is the KIS leader: the one instance of the cluster that talks to KIS (sends orders, holds
 * the notice stream, reconciles), elected on the cluster service under {@code cluster.leader-namespace}, the same
 * leadership the {@code master:} routes of that namespace start and stop with. Every other instance forwards what
 * would reach KIS to it, so the app key's REST budget lives in one JVM and the compliance windows see every order.
 *
 * <p>Each gain of leadership counts one epoch and runs the gain actions before anything is sent: the budgets book
 * a full window (the instance before may have sent a second's calls that nothing here knows of) and open, and state
 * rebuilt from the database is marked stale. Each loss closes the budgets before anything else: a call still waiting
 * for a slot here is refused, not sent on top of the new leader's window.
 */
public final class KisLeadership implements CamelClusterEventListener.Leadership {

    private static final Logger LOG = LoggerFactory.getLogger(KisLeadership.class);

    private final CamelClusterService service;
    private final String namespace;
    private final List<Runnable> onGain = new CopyOnWriteArrayList<>();
    private final List<Runnable> onLoss = new CopyOnWriteArrayList<>();
    private final AtomicLong epoch = new AtomicLong();
    private volatile CamelClusterView view;
    private volatile boolean leader;

    public KisLeadership(CamelClusterService service, String namespace, MeterRegistry meters) {
        this.service = Objects.requireNonNull(service, "service");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        Gauge.builder("kis.cluster.leader", this, l -> l.isLeader() ? 1 : 0)
                .description("1 on the instance that talks to KIS for the cluster (sends orders, holds the notice "
                        + "stream, reconciles); every other instance forwards to it")
                .tag("namespace", namespace).register(meters);
        Gauge.builder("kis.cluster.leader.epoch", epoch, AtomicLong::get)
                .description("how many times this instance has become the KIS leader since it started")
                .register(meters);
    }

    /** Runs on every gain, before {@link #isLeader()} answers true. */
    public void onGain(Runnable action) {
        onGain.add(Objects.requireNonNull(action, "action"));
    }

    /** Runs on every loss, before {@link #isLeader()} answers false. */
    public void onLoss(Runnable action) {
        onLoss.add(Objects.requireNonNull(action, "action"));
    }

    /** Joins the election's view; call once the cluster service has started (the Camel context started). */
    public synchronized void start() {
        if (view != null) {
            return;
        }
        try {
            view = service.getView(namespace);
        } catch (Exception e) {
            throw new IllegalStateException("cluster view " + namespace + " not available: " + e.getMessage(), e);
        }
        view.addEventListener(this);
        follow();
    }

    public boolean isLeader() {
        return leader;
    }

    /** Counts the gains of leadership: state rebuilt for one epoch is stale in the next. */
    public long epoch() {
        return epoch.get();
    }

    public String namespace() {
        return namespace;
    }

    @Override
    public void leadershipChanged(CamelClusterView changed, CamelClusterMember member) {
        follow();
    }

    private synchronized void follow() {
        CamelClusterView v = view;
        boolean now = v != null && v.getLocalMember().isLeader();
        if (now == leader) {
            return;
        }
        if (now) {
            epoch.incrementAndGet();
            for (Runnable action : onGain) {
                action.run();
            }
            LOG.info("this instance is the KIS leader (namespace {}, epoch {}): it sends to KIS for the cluster",
                    namespace, epoch.get());
        } else {
            for (Runnable action : onLoss) {
                action.run();
            }
            LOG.warn("this instance is no longer the KIS leader (namespace {}): it forwards to the new one", namespace);
        }
        leader = now;
    }
}
