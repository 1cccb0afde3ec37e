package kisgateway.reconcile.report;

import java.util.List;

/**
 * A grouped bar chart as inline SVG (no script, no external reference): one group per label, one bar per series
 * in each group, every bar drawn (a zero is a bar of height 0) and carrying its value in {@code data-count} and a
 * {@code <title>} tooltip. A value not measured (null) is no bar but the text n/a.
 */
final class SvgBarChart {

    record Series(String name, String cssClass, List<Long> values) {
    }

    private static final int WIDTH = 720;
    private static final int HEIGHT = 240;
    private static final int LEFT = 44;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 40;

    private SvgBarChart() {
    }

    static String render(String id, String title, String unit, List<String> groups, List<Series> series) {
        long max = 1;
        for (Series s : series) {
            for (Long v : s.values()) {
                max = Math.max(max, v == null ? 0 : v);
            }
        }
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double groupWidth = plotWidth / Math.max(1, groups.size());
        double barWidth = groupWidth * 0.8 / Math.max(1, series.size());
        StringBuilder svg = new StringBuilder();
        svg.append("<svg id=\"").append(id).append("\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(HtmlText.escape(title)).append("\">\n");
        svg.append("<title>").append(HtmlText.escape(title)).append("</title>\n");
        // axes and the scale
        svg.append(line(LEFT, TOP, LEFT, TOP + plotHeight, "axis"));
        svg.append(line(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight, "axis"));
        svg.append(text(LEFT - 6, TOP + plotHeight + 4, "end", "0"));
        svg.append(text(LEFT - 6, TOP + 4, "end", Long.toString(max)));
        svg.append(text(LEFT, TOP - 10, "start", unit));
        for (int g = 0; g < groups.size(); g++) {
            double x0 = LEFT + g * groupWidth + groupWidth * 0.1;
            for (int s = 0; s < series.size(); s++) {
                Series ser = series.get(s);
                Long measured = ser.values().get(g);
                double x = x0 + s * barWidth;
                if (measured == null) {
                    // not measured is not zero: no bar, and it says so
                    svg.append("<text class=\"na\" data-series=\"").append(HtmlText.escape(ser.name()))
                            .append("\" data-group=\"").append(HtmlText.escape(groups.get(g)))
                            .append("\" data-count=\"n/a\" x=\"").append(fmt(x + barWidth * 0.45)).append("\" y=\"")
                            .append(fmt(TOP + plotHeight - 4)).append("\" text-anchor=\"middle\">n/a</text>\n");
                    continue;
                }
                long v = measured;
                double h = plotHeight * v / max;
                double y = TOP + plotHeight - h;
                svg.append("<rect class=\"bar ").append(ser.cssClass()).append("\" data-series=\"")
                        .append(HtmlText.escape(ser.name())).append("\" data-group=\"")
                        .append(HtmlText.escape(groups.get(g))).append("\" data-count=\"").append(v)
                        .append("\" x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" width=\"")
                        .append(fmt(barWidth * 0.9)).append("\" height=\"").append(fmt(h)).append("\"><title>")
                        .append(HtmlText.escape(groups.get(g) + " " + ser.name() + ": " + v)).append("</title></rect>\n");
            }
            svg.append(text(LEFT + g * groupWidth + groupWidth / 2, TOP + plotHeight + 16, "middle", groups.get(g)));
        }
        // legend
        double lx = WIDTH - RIGHT - 150.0 * series.size();
        for (int s = 0; s < series.size(); s++) {
            double x = lx + s * 150;
            svg.append("<rect class=\"legend ").append(series.get(s).cssClass()).append("\" x=\"").append(fmt(x))
                    .append("\" y=\"8\" width=\"12\" height=\"12\"/>\n");
            svg.append(text(x + 18, 18, "start", series.get(s).name()));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String line(double x1, double y1, double x2, double y2, String cssClass) {
        return "<line class=\"" + cssClass + "\" x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2)
                + "\" y2=\"" + fmt(y2) + "\"/>\n";
    }

    private static String text(double x, double y, String anchor, String content) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">"
                + HtmlText.escape(content) + "</text>\n";
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
