package io.crosswatch.providers.sync.jellyfin;

import io.crosswatch.core.http.Query;

/**
 * The user-scoped paths of one session, chosen once from the server version: Jellyfin 10.9+
 * has user-less routes taking {@code ?userId=} (the legacy ones are hidden and may go), while
 * older Jellyfin and every Emby only have {@code /Users/{userId}/…}.
 *
 * @param userless whether to use the 10.9+ routes
 * @param userId   the user acted for (always passed explicitly: an API key has no user)
 */
record Routes(boolean userless, String userId) {

    /** @return the items listing */
    String items() {
        return userless ? "/Items" : "/Users/" + userId + "/Items";
    }

    /** @return the query naming the user on user-less routes, empty on legacy ones */
    Query user() {
        return userless ? Query.of("userId", userId) : Query.empty();
    }

    /** @return the library views (top-level folders) of the user */
    String views() {
        return userless ? "/UserViews" : "/Users/" + userId + "/Views";
    }

    String played(String itemId) {
        return userless ? "/UserPlayedItems/" + itemId : "/Users/" + userId + "/PlayedItems/" + itemId;
    }

    /** @return the name of the played-date parameter as each route documents it */
    String datePlayedParam() {
        return userless ? "datePlayed" : "DatePlayed";
    }

    String favorite(String itemId) {
        return userless ? "/UserFavoriteItems/" + itemId : "/Users/" + userId + "/FavoriteItems/" + itemId;
    }

    String rating(String itemId) {
        return userless ? "/UserItems/" + itemId + "/Rating" : "/Users/" + userId + "/Items/" + itemId + "/Rating";
    }

    String userData(String itemId) {
        return userless ? "/UserItems/" + itemId + "/UserData" : "/Users/" + userId + "/Items/" + itemId + "/UserData";
    }
}
