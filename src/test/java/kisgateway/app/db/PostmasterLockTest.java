package kisgateway.app.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostmasterLockTest {

    private static PostmasterLock.ProcessTable table(Map<Long, String> stats) {
        return pid -> Optional.ofNullable(stats.get(pid));
    }

    @Test
    void aZombiePostmasterIsNotRunning() {
        // the pid answers kill(pid, 0), which is why PostgreSQL alone refuses the directory
        assertThat(PostmasterLock.running(7, table(Map.of(7L, "7 (postgres) Z 1 7 7 0 -1")))).isFalse();
    }

    @Test
    void aLivePostmasterIsRunning() {
        assertThat(PostmasterLock.running(7, table(Map.of(7L, "7 (postgres) S 1 7 7 0 -1")))).isTrue();
    }

    @Test
    void aPidThatIsGoneOrReusedByAnotherProgramIsNotAPostmaster() {
        assertThat(PostmasterLock.running(7, table(Map.of()))).isFalse();
        // after a container restart the old pid often belongs to something else, even the gateway's own JVM
        assertThat(PostmasterLock.running(7, table(Map.of(7L, "7 (java) S 1 7 7 0 -1")))).isFalse();
    }

    @Test
    void aProcessNameWithSpacesAndParenthesesIsReadToTheLastParenthesis() {
        assertThat(PostmasterLock.isLivePostgres("7 (postgres (x) y) R 1")).isTrue();
        assertThat(PostmasterLock.isLivePostgres("7 (a) b) Z 1")).isFalse();
    }

    @Test
    void theOwnerIsTheFirstLineOfTheLockFile(@TempDir Path dir) throws Exception {
        assertThat(PostmasterLock.owner(dir)).isEmpty();
        Files.writeString(dir.resolve("postmaster.pid"), "4321\n/data\n1700000000\n15432\n");
        assertThat(PostmasterLock.owner(dir)).hasValue(4321);
        Files.writeString(dir.resolve("postmaster.pid"), "");
        assertThat(PostmasterLock.owner(dir)).as("half written: PostgreSQL judges it").isEmpty();
    }
}
