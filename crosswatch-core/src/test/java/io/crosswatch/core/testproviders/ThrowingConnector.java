package io.crosswatch.core.testproviders;

/** Its constructor fails, as a broken provider jar's might. */
public class ThrowingConnector extends FakeConnector {
    /** Always throws. */
    public ThrowingConnector() {
        throw new IllegalStateException("boom in constructor");
    }
}
