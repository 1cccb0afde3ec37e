package kisgateway.bench;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import kisgateway.kis.ws.ExecutionNotice;
import kisgateway.kis.ws.FillNoticeDecoder;
import kisgateway.kis.ws.MalformedNotice;
import kisgateway.kis.ws.NoticeCipher;
import kisgateway.kis.ws.RealtimeFrame;
import kisgateway.kis.ws.RealtimeFrameParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One execution notice frame as it arrives on the socket ("1|H0STCNI0|001|" + base64 AES-256-CBC of a 26-field
 * record) to the typed notice: frame split, base64, decrypt, field parse. One notice per operation, so ops/s is
 * notices/s on one thread. Target (issue 6): at least 300,000/s.
 *
 * <p>Run: {@code mvn -q -Pbench test-compile exec:exec -Dbench.args="NoticeDecodeBench -f 1 -wi 3 -i 5 -t 1"}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class NoticeDecodeBench {

    private static final String KEY = "uvbpznjqabrxhowcftgehxghhhsxtwro";
    private static final String IV = "ca513e8bf725c575";

    private final LocalDate tradingDate = LocalDate.of(2026, 7, 9);
    private RealtimeFrameParser parser;
    private FillNoticeDecoder decoder;
    private NoticeCipher cipher;
    private String[] frames;
    private int next;

    @Setup
    public void setUp() throws Exception {
        parser = new RealtimeFrameParser(new ObjectMapper());
        decoder = new FillNoticeDecoder();
        cipher = new NoticeCipher(KEY, IV);
        Cipher encrypt = Cipher.getInstance("AES/CBC/PKCS5Padding");
        encrypt.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new IvParameterSpec(IV.getBytes(StandardCharsets.UTF_8)));
        frames = new String[64];
        for (int i = 0; i < frames.length; i++) {
            String record = String.join("^", "htsuser77", "8105568901", String.format("%010d", 2891 + i), "",
                    i % 2 == 0 ? "02" : "01", "0", "00", "0", "136480", String.format("%010d", 1 + i % 7),
                    String.format("%09d", 3190 + i * 5), String.format("09%02d%02d", i % 60, (i * 7) % 60), "0",
                    i % 3 == 0 ? "1" : "2", "2", "06010", String.format("%09d", 10 + i), "홍길동", "0", "1", "N", "",
                    "10", "", "하림", Integer.toString(3190 + i * 5));
            frames[i] = "1|H0STCNI0|001|" + Base64.getEncoder().encodeToString(
                    encrypt.doFinal(record.getBytes(StandardCharsets.UTF_8)));
        }
        // Fail at setup, not in the measurement, if the codec cannot read its own input.
        decode();
    }

    @Benchmark
    public List<ExecutionNotice> decode() throws MalformedNotice {
        String raw = frames[next++ & (frames.length - 1)];
        RealtimeFrame.DataFrame frame = (RealtimeFrame.DataFrame) parser.parse(raw);
        return decoder.decode(frame, cipher, tradingDate);
    }
}
