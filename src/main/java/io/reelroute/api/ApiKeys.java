package io.reelroute.api;

import io.reelroute.files.Hashing;
import io.reelroute.quota.Plans;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who is calling: the owner of the key in {@code Authorization: Bearer <key>}. Keys are known only by their
 * SHA-256 digests (plans.yaml). The presented key's digest is compared with every stored digest in constant
 * time, all of them every time, so neither the timing nor the order of users tells anything about a key.
 */
public final class ApiKeys {
    private record Digest(byte[] sha256, String user) {
    }

    private final List<Digest> digests = new ArrayList<>();

    public ApiKeys(Plans plans) {
        plans.users().forEach((user, def) -> {
            if (def.apiKeys() != null) {
                def.apiKeys().forEach(key -> digests.add(new Digest(
                        HexFormat.of().parseHex(key.sha256().trim().toLowerCase(Locale.ROOT)), user)));
            }
        });
    }

    /** The caller's user id, from the request headers; 401 without a key or with one nobody owns. */
    public String userOf(Map<String, Object> headers) {
        Object value = headers.get("Authorization");
        String header = value == null ? "" : value.toString().trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            throw new ApiException(401, "unauthorized", "this call needs an API key: send the header"
                    + " 'Authorization: Bearer <key>'", "Authorization");
        }
        byte[] presented = HexFormat.of().parseHex(Hashing.sha256(header.substring(7).trim()));
        String owner = null;
        for (Digest digest : digests) {
            if (MessageDigest.isEqual(presented, digest.sha256()) && owner == null) {
                owner = digest.user();
            }
        }
        if (owner == null) {
            throw new ApiException(401, "unauthorized", "the API key is not known; keys are listed (as SHA-256"
                    + " digests) in plans.yaml", "Authorization");
        }
        return owner;
    }
}
