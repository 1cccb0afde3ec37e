package kisgateway.order;

import java.util.Objects;

/**
 * An account's book as a new order's create read it, in the create's own transaction and under the account's
 * screening lock ({@link JdbcOrderStore#create}): the new order's screening answers from it instead of
 * reading again, one database round trip less on the order's way to KIS. Opaque outside this package.
 */
public final class ScreeningBook {

    private final String account;
    private final String symbol;
    private final String screenedOrderRef;
    private final AccountBookSnapshot.Book book;

    ScreeningBook(String account, String symbol, String screenedOrderRef, AccountBookSnapshot.Book book) {
        this.account = Objects.requireNonNull(account, "account");
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.screenedOrderRef = Objects.requireNonNull(screenedOrderRef, "screenedOrderRef");
        this.book = Objects.requireNonNull(book, "book");
    }

    String account() {
        return account;
    }

    String symbol() {
        return symbol;
    }

    String screenedOrderRef() {
        return screenedOrderRef;
    }

    AccountBookSnapshot.Book book() {
        return book;
    }

    /** Read for this very order (a book read for another must not screen it). */
    boolean isFor(OrderRecord order) {
        return account.equals(order.account()) && symbol.equals(order.symbol())
                && screenedOrderRef.equals(order.orderId().toString());
    }
}
