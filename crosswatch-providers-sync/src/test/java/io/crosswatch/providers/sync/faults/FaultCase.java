package io.crosswatch.providers.sync.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One row kind of the fault matrix: what goes wrong and on which request of the read. The shared
 * faults are {@link #all()}; a subject adds faults of its own service through
 * {@link FaultSubject#extraFaults()}, which run through the same harness and assertions.
 *
 * @param name        as shown in the table
 * @param firstPage   whether the fault hits page 1 (else page 2 of a paged read)
 * @param times       how many times the fault answers before the healthy fake does again
 *                    ({@link Integer#MAX_VALUE}: until the case clears it)
 * @param pagedOnly   whether the fault only makes sense in the middle of a paged read
 * @param timeout     whether the fault is a slow response (the case then uses a short read timeout)
 * @param response    the faulted response, given the subject and the page
 */
public record FaultCase(String name, boolean firstPage, int times, boolean pagedOnly, boolean timeout,
                 BiFunction<FaultSubject, Integer, ResponseDefinitionBuilder> response) {

    /** The read timeout of the case that delays a response; other cases keep the toolkit's default. */
    static final Duration SHORT_READ_TIMEOUT = Duration.ofMillis(300);
    /** How long the slow response takes: well past {@link #SHORT_READ_TIMEOUT}. */
    static final int SLOW_RESPONSE_MILLIS = 2_000;
    /** How many times the short burst answers 503 before the page is healthy again. */
    static final int SHORT_BURST = 2;

    /** @return whether retries absorb the fault, so the run succeeds */
    boolean recovers() {
        return times != Integer.MAX_VALUE;
    }

    static ResponseDefinitionBuilder status(int code) {
        return aResponse().withStatus(code).withHeader("Content-Type", "application/json").withBody("{\"error\":\"boom\"}");
    }

    /**
     * A subject's own fault that answers until the case clears it, so the faulted run must fail.
     *
     * @param name      as shown in the table
     * @param firstPage whether the fault hits page 1 (else page 2 of a paged read)
     * @param response  the faulted response, given the subject and the page
     * @return the case
     */
    public static FaultCase persistent(String name, boolean firstPage,
                                       BiFunction<FaultSubject, Integer, ResponseDefinitionBuilder> response) {
        return new FaultCase(name, firstPage, Integer.MAX_VALUE, false, false, response);
    }

    private static FaultCase always(String name, ResponseDefinitionBuilder response) {
        return new FaultCase(name, false, Integer.MAX_VALUE, false, false, (s, page) -> response);
    }

    /**
     * @param subject the connector under the matrix
     * @return the shared faults and then the subject's own, in table order
     */
    static List<FaultCase> of(FaultSubject subject) {
        List<FaultCase> l = new ArrayList<>(all());
        l.addAll(subject.extraFaults());
        return l;
    }

    /** @return every shared fault of the matrix, in table order */
    static List<FaultCase> all() {
        List<FaultCase> l = new ArrayList<>();
        l.add(always("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        l.add(new FaultCase("read timeout", false, Integer.MAX_VALUE, false, true,
                (s, page) -> okJson("{}").withFixedDelay(SLOW_RESPONSE_MILLIS)));
        for (int code : new int[] {500, 502, 503, 520}) {
            l.add(always(code + " burst (longer than the retry budget)", status(code)));
        }
        l.add(new FaultCase("503 burst (shorter than the retry budget)", false, SHORT_BURST, false, false,
                (s, page) -> status(503)));
        l.add(new FaultCase("500 burst on the first page", true, Integer.MAX_VALUE, false, false, (s, page) -> status(500)));
        l.add(always("429 with Retry-After", status(429).withHeader("Retry-After", "7")));
        l.add(always("429 without Retry-After", status(429)));
        l.add(new FaultCase("truncated JSON", false, Integer.MAX_VALUE, false, false, FaultSubject::truncatedPage));
        l.add(always("malformed JSON", okJson("<html>upstream error</html>")));
        l.add(new FaultCase("empty page in the middle of paging", false, Integer.MAX_VALUE, true, false,
                FaultSubject::emptyPage));
        l.add(always("401 mid-sync", aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_token\"}")));
        return l;
    }
}
