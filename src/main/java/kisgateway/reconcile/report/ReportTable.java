package kisgateway.reconcile.report;

import java.util.List;

/**
 * One table of the report, already formatted: the CSV file and the HTML table are both written from it, so their
 * numbers are the same text.
 *
 * @param name    the CSV file's stem and the HTML table's id
 * @param numeric per column: right-aligned in HTML
 */
public record ReportTable(String name, String title, List<String> columns, List<Boolean> numeric,
                          List<List<String>> rows) {

    public ReportTable {
        columns = List.copyOf(columns);
        numeric = List.copyOf(numeric);
        rows = rows.stream().map(List::copyOf).toList();
        int width = columns.size();
        if (numeric.size() != width || rows.stream().anyMatch(r -> r.size() != width)) {
            throw new IllegalArgumentException("table " + name + ": every row needs " + width + " cells");
        }
    }

    public String fileName() {
        return name + ".csv";
    }
}
