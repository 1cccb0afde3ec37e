package kisgateway.risk.session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The exchange's non-weekend closing days and late-opening days, read from a CSV data file (header
 * {@code date,kind,name}; kind CLOSED or LATE_OPEN; '#' starts a comment line). The calendar covers exactly the
 * years that appear in the file: a date in any other year is unknown, and the session calendar treats it as closed,
 * so that a forgotten yearly update stops trading instead of trading on a holiday.
 */
public final class MarketHolidayCalendar {

    private final Map<LocalDate, String> closedDays;
    private final Map<LocalDate, String> lateOpenDays;
    private final Set<Integer> coveredYears;
    private final String source;

    private MarketHolidayCalendar(Map<LocalDate, String> closedDays, Map<LocalDate, String> lateOpenDays,
                                  Set<Integer> coveredYears, String source) {
        this.closedDays = closedDays;
        this.lateOpenDays = lateOpenDays;
        this.coveredYears = coveredYears;
        this.source = source;
    }

    /**
     * Loads {@code file:<path>} from the file system or {@code classpath:<resource>} (also the meaning of a bare
     * location) from the class path.
     */
    public static MarketHolidayCalendar load(String location) {
        try {
            if (location.startsWith("file:")) {
                Path path = Path.of(location.substring("file:".length()));
                try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                    return parse(r, location);
                }
            }
            String resource = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
            InputStream in = MarketHolidayCalendar.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalArgumentException("holiday calendar not found on the class path: " + resource);
            }
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return parse(r, location);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("holiday calendar " + location + " could not be read", e);
        }
    }

    public static MarketHolidayCalendar parse(Reader reader, String source) throws IOException {
        Map<LocalDate, String> closed = new HashMap<>();
        Map<LocalDate, String> lateOpen = new HashMap<>();
        Set<Integer> years = new TreeSet<>();
        BufferedReader lines = new BufferedReader(reader);
        boolean headerSeen = false;
        int lineNo = 0;
        for (String line; (line = lines.readLine()) != null; ) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            if (!headerSeen) {
                if (!trimmed.equals("date,kind,name")) {
                    throw new IllegalArgumentException(source + ":" + lineNo + ": expected header 'date,kind,name'");
                }
                headerSeen = true;
                continue;
            }
            String[] cells = trimmed.split(",", 3);
            if (cells.length != 3) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": expected date,kind,name");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(cells[0].strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": not an ISO date: " + cells[0]);
            }
            String name = cells[2].strip();
            Map<LocalDate, String> target = switch (cells[1].strip()) {
                case "CLOSED" -> closed;
                case "LATE_OPEN" -> lateOpen;
                default -> throw new IllegalArgumentException(source + ":" + lineNo + ": kind must be CLOSED or LATE_OPEN");
            };
            if (closed.containsKey(date) || lateOpen.containsKey(date)) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": " + date + " listed twice");
            }
            target.put(date, name);
            years.add(date.getYear());
        }
        if (years.isEmpty()) {
            throw new IllegalArgumentException(source + ": no dates");
        }
        return new MarketHolidayCalendar(Map.copyOf(closed), Map.copyOf(lateOpen),
                Collections.unmodifiableSet(years), source);
    }

    public boolean covers(LocalDate date) {
        return coveredYears.contains(date.getYear());
    }

    public Optional<String> closedReason(LocalDate date) {
        return Optional.ofNullable(closedDays.get(date));
    }

    public boolean lateOpen(LocalDate date) {
        return lateOpenDays.containsKey(date);
    }

    public Set<Integer> coveredYears() {
        return coveredYears;
    }

    public String source() {
        return source;
    }
}
