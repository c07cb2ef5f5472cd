package io.crosswatch.providers.sync.faults;

import com.github.tomakehurst.wiremock.common.Metadata;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * Marks the fault matrix's stubs so the stateful fakes let them through: a fake that transforms
 * every request ({@code applyGlobally}) would otherwise replace a connection reset, a delay or a
 * cut-off body with its own healthy answer, and the fault would never happen.
 */
public final class FaultStubs {

    /** The metadata key on every fault stub. */
    public static final String MARKER = "crosswatch-fault";

    private FaultStubs() {
    }

    /** @return metadata that marks a stub as a fault stub */
    public static Metadata marker() {
        return Metadata.metadata().attr(MARKER, true).build();
    }

    /**
     * @param event a request being served
     * @return whether it matched a fault stub, whose response must be served as stubbed
     */
    public static boolean isFault(ServeEvent event) {
        StubMapping stub = event.getStubMapping();
        return stub != null && stub.getMetadata() != null && stub.getMetadata().containsKey(MARKER);
    }
}
