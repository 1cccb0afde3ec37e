package kisgateway.app.ops;

/** The operator's user and password for the management endpoints, Hawtio and Jolokia outside sim mode. */
public record OperatorCredentials(String user, String password) {
    public OperatorCredentials {
        if (user == null || user.isBlank() || password == null || password.length() < 12) {
            throw new IllegalArgumentException(
                    "operator credentials need a user and a password of at least 12 characters (gateway.operator.*)");
        }
    }

    @Override
    public String toString() {
        return "OperatorCredentials[user=" + user + ", password=****]";
    }
}
