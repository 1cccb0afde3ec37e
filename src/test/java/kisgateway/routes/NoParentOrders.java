package kisgateway.routes;

/**
 * In place of parentOrderDesk and parentOrderAnswers for route files that pass parent orders by (their own tests
 * are OrdersRouteTest's parent cases): no intent names a parent.
 */
public final class NoParentOrders {

    public void requireNoParent(Object intent) {
        // no parent: every client id is free
    }

    public boolean namesParent(Object intent) {
        return false;
    }

    public Object answer(Object parent, Boolean conflicting) {
        throw new IllegalStateException("no parent order in this test");
    }
}
