package kisgateway.reconcile.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One CSV file per report table (RFC 4180: CRLF line ends, a header row, a field quoted when it holds a comma,
 * a double quote, CR or LF, quotes doubled inside), UTF-8 without a byte-order mark, decimals as plain strings.
 */
public final class ReportCsvWriter {

    private ReportCsvWriter() {
    }

    /** @return the files written, in table order */
    public static List<Path> write(DailyReport report, Path directory) throws IOException {
        Files.createDirectories(directory);
        List<Path> written = new ArrayList<>();
        for (ReportTable table : ReportTables.of(report)) {
            Path file = directory.resolve(table.fileName());
            Files.writeString(file, csv(table), StandardCharsets.UTF_8);
            written.add(file);
        }
        return List.copyOf(written);
    }

    static String csv(ReportTable table) {
        StringBuilder out = new StringBuilder();
        out.append(line(table.columns()));
        table.rows().forEach(r -> out.append(line(r)));
        return out.toString();
    }

    static String line(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
