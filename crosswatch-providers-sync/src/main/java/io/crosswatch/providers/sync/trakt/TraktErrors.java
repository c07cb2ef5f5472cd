package io.crosswatch.providers.sync.trakt;

import io.crosswatch.api.ProviderException;
import io.crosswatch.core.http.ErrorMapper;
import io.crosswatch.core.http.ServiceResponse;

import java.util.Optional;

/**
 * Trakt's own status codes turned into clear, non-retried errors: {@code 420} account limit,
 * {@code 423} locked account, {@code 426} VIP only, {@code 412} wrong content type, {@code 422}
 * validation, and a Cloudflare {@code 403}.
 */
final class TraktErrors implements ErrorMapper {

    /** The account-limit status Trakt answers when a free account is full. */
    static final int ACCOUNT_LIMIT = 420;
    static final int LOCKED = 423;
    static final int VIP_ONLY = 426;

    @Override
    public Optional<RuntimeException> map(ServiceResponse r) {
        String endpoint = r.endpoint();
        String upgrade = r.header("X-Upgrade-URL").map(u -> "; upgrade at " + u).orElse("");
        String message = switch (r.status()) {
            case ACCOUNT_LIMIT -> endpoint + " was refused: the Trakt account limit is reached (HTTP 420"
                    + r.header("X-Account-Limit").map(l -> ", limit " + l).orElse("") + ")" + upgrade
                    + " or remove items on Trakt; not retried";
            case LOCKED -> endpoint + " was refused: the Trakt account is locked (HTTP 423"
                    + (r.header("X-Account-Deactivated").filter("true"::equalsIgnoreCase).isPresent() ? ", deactivated" : "")
                    + "); contact Trakt support; not retried";
            case VIP_ONLY -> endpoint + " needs Trakt VIP (HTTP 426)" + upgrade + "; not retried";
            case 412 -> endpoint + " was refused (HTTP 412 Precondition Failed): Trakt wants Content-Type application/json";
            case 422 -> endpoint + " was refused as invalid (HTTP 422 Unprocessable Entity)";
            case 403 -> endpoint + " was refused (HTTP 403): check clientId (the trakt-api-key) and that the app is "
                    + "approved" + (r.bodyText().contains("<html") || r.bodyText().contains("<!DOCTYPE")
                    ? "; the HTML answer means Cloudflare blocked the request" : "");
            default -> null;
        };
        return message == null ? Optional.empty()
                : Optional.of(new ProviderException("trakt", r.status(), false, message, null));
    }

    /** @return whether a failure means the whole account refuses writes (no point sending more) */
    static boolean accountBlocked(ProviderException e) {
        int s = e.httpStatus().orElse(0);
        return s == LOCKED || s == VIP_ONLY;
    }

    /** @return whether a failure is Trakt's account limit */
    static boolean limitReached(ProviderException e) {
        return e.httpStatus().orElse(0) == ACCOUNT_LIMIT;
    }
}
