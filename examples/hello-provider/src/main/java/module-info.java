/**
 * An example third-party provider for "Hello Watchlist", a tiny JSON-over-HTTP watchlist
 * service. It is built against {@code io.crosswatch.api} alone and is the template to copy:
 * it exports nothing and only {@code provides} its two providers, which are also listed in
 * {@code META-INF/services} so the jar works on the class path too.
 *
 * @since 0.1
 */
module example.hello {
    requires io.crosswatch.api;
    requires java.net.http;

    provides io.crosswatch.api.auth.AuthProvider with example.hello.HelloAuthProvider;
    provides io.crosswatch.api.sync.Connector with example.hello.HelloConnector;
}
