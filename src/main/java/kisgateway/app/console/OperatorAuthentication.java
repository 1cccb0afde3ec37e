package kisgateway.app.console;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.Credentials;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;

/**
 * The operations server's check of HTTP Basic credentials against the operator logins. Vert.x's own properties
 * file authentication keeps passwords in the clear, splits them at commas and compares them in variable time;
 * this one checks the PBKDF2 hash, off the event loop (a derivation takes tens of milliseconds).
 */
public final class OperatorAuthentication implements AuthenticationProvider {

    private final Vertx vertx;
    private final OperatorLogins login;

    public OperatorAuthentication(Vertx vertx, OperatorLogins login) {
        this.vertx = vertx;
        this.login = login;
    }

    @Override
    public Future<User> authenticate(Credentials credentials) {
        if (!(credentials instanceof UsernamePasswordCredentials basic)) {
            return Future.failedFuture("operator user and password required");
        }
        String user = basic.getUsername();
        String password = basic.getPassword();
        return vertx.executeBlocking(() -> login.accepts(user, password), false)
                .compose(accepted -> accepted ? Future.succeededFuture(User.fromName(user))
                        : Future.failedFuture("invalid username/password"));
    }

    @Override
    public void authenticate(Credentials credentials, Handler<AsyncResult<User>> resultHandler) {
        authenticate(credentials).onComplete(resultHandler);
    }

    @Override
    public void authenticate(JsonObject credentials, Handler<AsyncResult<User>> resultHandler) {
        authenticate(new UsernamePasswordCredentials(credentials)).onComplete(resultHandler);
    }
}
