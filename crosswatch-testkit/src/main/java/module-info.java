/**
 * The CrossWatch testkit: contract tests (a TCK) that provider authors run in their own build.
 *
 * @since 0.1
 */
module io.crosswatch.testkit {
    requires transitive io.crosswatch.api;
    requires transitive org.junit.jupiter.api;

}
