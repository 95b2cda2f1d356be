package dev.toolseal.registry.ownership;

import dev.toolseal.verifier.attest.Ownership;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The {@code jti}s of OIDC tokens that proved a binding ({@code oidc_used_tokens}). Using one up
 * happens in the binding's own transaction, so a refused binding leaves its token unused and an
 * accepted one uses it up; rows whose token has long expired are purged on the way, since an
 * expired token is refused anyway.
 */
public final class UsedTokens {

    private UsedTokens() {
    }

    /** Records {@code token}'s jti; an {@link OwnershipProofException} if it was used before. */
    public static void useUp(Connection c, GithubOidc.Accepted token, Instant purgeBefore)
            throws SQLException, OwnershipProofException {
        try (PreparedStatement purge = c.prepareStatement("DELETE FROM oidc_used_tokens WHERE expires_at < ?");
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO oidc_used_tokens (issuer, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            purge.setTimestamp(1, Timestamp.from(purgeBefore));
            purge.executeUpdate();
            ps.setString(1, token.issuer());
            ps.setString(2, token.jti());
            ps.setTimestamp(3, Timestamp.from(token.expiresAt()));
            if (ps.executeUpdate() != 1) {
                throw new OwnershipProofException(Ownership.Method.GITHUB_OIDC, ProofFailure.TOKEN_REUSED,
                        "The token's jti was already used for a binding.");
            }
        }
    }
}
