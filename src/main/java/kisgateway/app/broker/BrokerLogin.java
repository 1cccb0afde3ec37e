package kisgateway.app.broker;

/** A broker user and its password; printed without the password. */
public record BrokerLogin(String user, String password) {

    @Override
    public String toString() {
        return "BrokerLogin[user=" + user + ", password=****]";
    }
}
