package kisgateway.sim;

/**
 * Field layout of the H0STCNI0/H0STCNI9 execution notice. The live feed grew from 23 to 26 fields around
 * 2025-03 (python-kis #68, #80); both are still met by clients, so the simulator can speak either.
 */
public enum NoticeLayout {
    FIELDS_26(26),
    FIELDS_23(23);

    private final int fieldCount;

    NoticeLayout(int fieldCount) {
        this.fieldCount = fieldCount;
    }

    public int fieldCount() {
        return fieldCount;
    }

    public static NoticeLayout ofFieldCount(int count) {
        for (NoticeLayout layout : values()) {
            if (layout.fieldCount == count) {
                return layout;
            }
        }
        throw new IllegalArgumentException("notice layout must have 26 or 23 fields, not " + count);
    }
}
