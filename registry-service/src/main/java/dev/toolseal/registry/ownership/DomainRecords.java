package dev.toolseal.registry.ownership;

import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.OwnershipRecord;
import dev.toolseal.verifier.attest.OwnershipRecordException;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.VerificationKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule both domain methods share: among the texts found (TXT records, or the well-known file),
 * one MCPv1 record must name the bound key. Texts that are not MCPv1 records at all (SPF, site
 * verifications) are ignored; the failure says which MCPv1 records were malformed or named another
 * key.
 */
final class DomainRecords {

    private static final String MCP_PREFIX = "v=MCPv1";

    private DomainRecords() {
    }

    static void requireRecordFor(Ownership.Method method, String where, List<String> texts, VerificationKey key)
            throws OwnershipProofException {
        requireEd25519(method, key);
        List<String> otherKeys = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        int n = 0;
        for (String text : texts) {
            n++;
            if (!text.startsWith(MCP_PREFIX)) {
                continue;
            }
            try {
                if (OwnershipRecord.parse(text).names(key)) {
                    return;
                }
                otherKeys.add("#" + n);
            } catch (OwnershipRecordException e) {
                malformed.add("#" + n + " (" + e.getMessage() + ")");
            }
        }
        if (otherKeys.isEmpty() && malformed.isEmpty()) {
            throw new OwnershipProofException(method, ProofFailure.NO_RECORD,
                    where + " holds no MCPv1 record (" + texts.size() + " text(s) read).");
        }
        String seen = (otherKeys.isEmpty() ? "" : "record(s) " + String.join(", ", otherKeys) + " name another key")
                + (otherKeys.isEmpty() || malformed.isEmpty() ? "" : "; ")
                + (malformed.isEmpty() ? "" : "record(s) " + String.join(", ", malformed) + " are malformed");
        throw new OwnershipProofException(method,
                otherKeys.isEmpty() ? ProofFailure.MALFORMED_RECORD : ProofFailure.OTHER_KEY,
                "No MCPv1 record at " + where + " names the bound key: " + seen + ".");
    }

    static void requireEd25519(Ownership.Method method, VerificationKey key) throws OwnershipProofException {
        if (key.algorithm() != KeyAlgorithm.ED25519) {
            throw new OwnershipProofException(method, ProofFailure.KEY_KIND,
                    "MCPv1 records name only Ed25519 keys; prove a P-256 key with github-oidc.");
        }
    }
}
